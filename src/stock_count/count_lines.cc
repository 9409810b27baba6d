#include "stock_count/count_lines.h"

#include <algorithm>

#include "kept_reads.h"
#include "quantity.h"
#include "scan/gs1.h"

namespace core::stock_count {

namespace {

using Kind = LineField::Kind;

// Where the parser is: the containers open around the value it reads (the body
// object, the list, a line, anything deeper), each with the key or index it is at.
struct Frame {
  bool is_array = false;
  size_t index = 0;  // arrays: the element being read
  std::string key;   // objects: the member being read
};

class CountBodySax final : public nlohmann::json_sax<json> {
 public:
  CountBodySax(std::string_view list_name, CountBodyRead& out) : list_name_(list_name), out_(out) {}

  bool root_was_object() const { return root_object_; }

  bool null() override { return scalar(Kind::kNull, nullptr); }
  bool boolean(bool) override { return scalar(Kind::kOther, nullptr); }
  bool number_integer(number_integer_t v) override { return number(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return number(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return number(json(v)); }
  bool binary(binary_t&) override { return scalar(Kind::kOther, nullptr); }
  bool string(string_t& text) override {
    if (!out_.problem) {
      // A barcode may hold GS (0x1D): FNC1 between a GS1 label's fields; no other control character.
      bool barcode = in_line() && frames_[2].key == "barcode";
      std::string without_gs;
      if (barcode) {
        without_gs = text;
        std::replace(without_gs.begin(), without_gs.end(), scan::kGroupSeparator, ' ');
      }
      if (auto why = unstorable_text(barcode ? without_gs : text)) out_.problem = body_text_unstorable({path(), *why});
    }
    return scalar(Kind::kText, &text);
  }

  bool start_object(std::size_t) override {
    if (frames_.empty()) root_object_ = true;
    else if (in_list()) out_.body.lines.emplace_back();
    else if (at_list()) out_.body.list_is_array = false;
    else if (at_qty()) out_.body.lines.back().qty.reset();
    else if (LineField* f = field()) *f = {.kind = Kind::kOther};
    frames_.push_back({});
    return true;
  }
  bool key(string_t& name) override {
    frames_.back().key = std::move(name);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override {
    if (at_list()) {
      out_.body.list_is_array = true;
      out_.body.lines.clear();  // a repeated member: the last one counts, as in a DOM
    } else if (in_list()) {
      not_a_line();
    } else if (at_qty()) {
      out_.body.lines.back().qty.reset();
    } else if (LineField* f = field()) {
      *f = {.kind = Kind::kOther};
    }
    frames_.push_back({.is_array = true});
    return true;
  }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  size_t depth() const { return frames_.size(); }
  // The value being read is the body's member `list_name`, an element of that list, or a line's field.
  bool at_list() const { return depth() == 1 && frames_[0].key == list_name_; }
  bool in_list() const { return depth() == 2 && list_open(); }
  bool in_line() const { return depth() == 3 && !frames_[2].is_array && list_open(); }
  bool list_open() const { return frames_[1].is_array && frames_[0].key == list_name_; }

  // The typed field the value being read goes to, or nullptr.
  LineField* field() {
    if (depth() == 1) {
      CountBody& b = out_.body;
      const std::string& k = frames_[0].key;
      if (k == "location_id") return &b.location_id;
      if (k == "session_id") return &b.session_id;
      if (k == "task_id") return &b.task_id;
      return nullptr;
    }
    if (!in_line()) return nullptr;
    CountLine& line = out_.body.lines.back();
    const std::string& k = frames_[2].key;
    if (k == "item_id") return &line.item_id;
    if (k == "sku") return &line.sku;
    if (k == "bin") return &line.bin;
    if (k == "zone") return &line.zone;
    if (k == "batch_number") return &line.batch_number;
    if (k == "serial_number") return &line.serial_number;
    if (k == "client_entry_id") return &line.client_entry_id;
    if (k == "counted_at") return &line.counted_at;
    if (k == "barcode") return &line.barcode;
    if (k == "uom") return &line.uom;
    return nullptr;
  }

  // The value being read is a line's counted_qty: only a number (number()) is a quantity.
  bool at_qty() const {
    if (!in_line() || frames_[2].key != "counted_qty") return false;
    out_.body.lines.back().qty_given = true;
    return true;
  }

  void not_a_line() {
    out_.body.lines.emplace_back();
    out_.body.lines.back().is_object = false;
  }

  bool scalar(Kind kind, string_t* text) {
    if (depth() == 0) return true;  // the root: not an object
    if (at_list()) out_.body.list_is_array = false;
    else if (in_list()) not_a_line();
    else if (at_qty()) out_.body.lines.back().qty.reset();
    else if (LineField* f = field()) {
      f->kind = kind;
      f->text = text ? std::move(*text) : std::string();
    }
    advance();
    return true;
  }

  bool number(const json& value) {
    if (at_qty()) {
      out_.body.lines.back().qty = qty_from_json(value);
      advance();
      return true;
    }
    return scalar(Kind::kOther, nullptr);
  }

  bool close() {
    frames_.pop_back();
    advance();
    return true;
  }

  // A value of the innermost array is read: the next one has the next index.
  void advance() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }

  // The value being read, as read_body() names it: counts[3].sku.
  std::string path() const {
    std::string out;
    for (const auto& f : frames_) {
      if (f.is_array) out += "[" + std::to_string(f.index) + "]";
      else out += (out.empty() ? "" : ".") + f.key;
    }
    return out;
  }

  std::string_view list_name_;
  CountBodyRead& out_;
  std::vector<Frame> frames_;
  bool root_object_ = false;
};

}  // namespace

CountBodyRead read_count_body(std::string_view text, std::string_view list_name) {
  CountBodyRead out;
  CountBodySax reader(list_name, out);
  bool parsed = sax_parse_text(text, reader);
  if (!parsed) out = {.problem = body_not_json()};
  else if (!reader.root_was_object()) out = {.problem = body_not_object()};
  else if (out.problem) out.body = {};
  return out;
}

void read_barcodes(std::vector<CountLine>& lines, char separator, int reference_year) {
  for (auto& line : lines) {
    if (!line.barcode.is_text()) continue;
    auto result = scan::parse_gs1(line.barcode.text, separator, reference_year);
    if (result.problem) {
      line.barcode_problem = result.problem->message();
      continue;
    }
    const scan::Gs1Read& read = *result.read;
    line.gtin = read.gtin;
    // The barcode's lot or serial fills the field; a line that gives it too must agree.
    auto fill = [&line](LineField& field, const std::string& value, std::string_view name) {
      if (value.empty()) return;
      if (!field.present() || field.kind == LineField::Kind::kNull) {
        field = {.kind = LineField::Kind::kText, .text = value};
      } else if (field.is_text() && field.text != value) {
        line.barcode_problem = "the barcode's " + std::string(name) + " is " + value + ", the line says " + field.text;
      }
    };
    fill(line.batch_number, read.lot, "lot");
    fill(line.serial_number, read.serial, "serial");
    if (!line.qty_given) {
      if (read.count) line.qty = read.count;
      else if (!read.serial.empty()) line.qty = kQtyScale;  // a serial's label: this one unit is here
    }
  }
}

void keep_reads_apart_for_barcodes(const Ctx& ctx, const std::vector<CountLine>& lines, json& state) {
  if (ctx.principal.unchecked_token_hash.empty()) return;
  for (const auto& line : lines) {
    if (line.barcode.present()) {
      state["barcodes_read_by"] = ctx.principal.token_name;  // the stand-in name: auth_fold will not fold
      return;
    }
  }
}

const CountBodyRead& count_body(const Ctx& ctx, std::string_view list_name) {
  static KeptReads<CountBodyRead, 4 * 1024 * 1024> kept;
  char separator = ctx.principal.gs1_separator;
  int year = scan::reference_year(ctx.now);
  std::string key = std::string(list_name) + '|' + separator;
  return kept.get(key, text_of(ctx.request, "body"), [list_name, separator, year](std::string_view text) {
    CountBodyRead read = read_count_body(text, list_name);
    read_barcodes(read.body.lines, separator, year);
    return read;
  });
}

}  // namespace core::stock_count
