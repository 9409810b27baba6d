# Shared environment for the scripts: a closed network, wrangler quiet and its
# logs somewhere disposable. Source it; it sets nothing else.
export WRANGLER_SEND_METRICS=false
export CLOUDFLARE_CF_FETCH_ENABLED=false
export WRANGLER_LOG_PATH="${WRANGLER_LOG_PATH:-$PWD/.wrangler/logs}"
export NO_UPDATE_NOTIFIER=1
export NODE_PATH=/usr/share/nodejs
export PATH="$PWD/node_modules/.bin:$PATH"
