// The phone's camera as a scanner: the BarcodeDetector API (natively where the browser has it,
// else the barcode-detector package's ZXing build, both served from this origin) on the live
// camera, or on a photo taken with the camera when live video is not allowed.
let detector = null;

async function theDetector() {
  if (detector) return detector;
  const formats = ["code_128", "data_matrix", "ean_13", "upc_a", "qr_code"];
  if ("BarcodeDetector" in window) {
    const supported = await window.BarcodeDetector.getSupportedFormats().catch(() => []);
    if (formats.every((f) => supported.includes(f))) return (detector = new window.BarcodeDetector({ formats }));
  }
  const { BarcodeDetector, prepareZXingModule } = await import("../vendor/barcode-detector.js");
  prepareZXingModule({ overrides: { locateFile: (file) => new URL(`../vendor/${file}`, import.meta.url).href } });
  return (detector = new BarcodeDetector({ formats }));
}

// The text of the first barcode in an image (a Blob, an ImageBitmap or a video frame), or null.
export async function detect(image) {
  const found = await (await theDetector()).detect(image);
  return found[0]?.rawValue ?? null;
}

// Live scanning: calls onText with each new barcode until stop() is called.
export async function startCamera(video, onText) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
  video.srcObject = stream;
  await video.play();
  let last = null;
  let running = true;
  const loop = async () => {
    while (running) {
      const text = await detect(video).catch(() => null);
      if (text && text !== last) {
        last = text;
        onText(text);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  loop();
  return () => {
    running = false;
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}
