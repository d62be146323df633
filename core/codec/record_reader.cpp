#include "langnghe/codec/record_reader.h"

#include <algorithm>

#include "langnghe/base/error.h"
#include "langnghe/codec/bounded_json.h"
#include "langnghe/codec/codec.h"
#include "json_builder.h"

namespace langnghe {

using nlohmann::json;

namespace {

enum class Top { message, records, record };
// Where the reader is: the innermost open container and what it means.
enum class Frame { message, records, record, fields, head, field_object, context, heads };

[[noreturn]] void malformed(const std::string& id, const std::string& what) {
    std::string shown = printable(id, 80);
    throw Error(ErrorCode::invalid_input, "change for record '" + shown + "' is malformed: " + what, "changes",
                id.empty() ? std::vector<std::string>{} : std::vector<std::string>{shown})
        .vi("thay đổi của bản ghi '" + shown + "' không đúng dạng: " + what);
}

const char* const head_shape = "a value must be [stamp, site, value]";

// A scalar SAX event, whichever its JSON type.
struct Scalar {
    enum Kind { null, boolean, integer, unsigned_integer, floating, string } kind = null;
    bool b = false;
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double d = 0;
    std::string* s = nullptr;

    json to_json() const {
        switch (kind) {
            case boolean: return b;
            case integer: return i;
            case unsigned_integer: return u;
            case floating: return d;
            case string: return *s;
            case null: break;
        }
        return nullptr;
    }
    // The JSON text json::dump() gives for this value.
    void append_text(std::string& out) const {
        if (kind == string) {
            append_json_string(out, *s);
        } else if (kind == boolean) {
            out += b ? "true" : "false";
        } else {
            out += to_json().dump();
        }
    }
};

// A json value built from SAX events, for message members and for head values that are arrays or
// objects (whose text must be what json::dump() gives: sorted keys). The reader bounds its depth
// and size before each event, so what it builds, dumps and destroys never recurses far.
class ValueCapture {
public:
    bool active() const { return m_active; }
    std::size_t depth() const { return m_builder.depth(); }
    std::size_t values() const { return m_values; }
    void begin() {
        m_active = true;
        m_builder.clear();
        m_values = 0;
    }
    // Abandons the value (the reader skips the rest of it).
    void abort() {
        m_active = false;
        m_builder.clear();
    }
    // Each returns true when the value is complete.
    bool put(json v) {
        ++m_values;
        return m_builder.put(std::move(v));
    }
    void start(json container) {
        ++m_values;
        m_builder.start(std::move(container));
    }
    // False when the innermost object has the key already.
    bool key(const std::string& k) { return m_builder.key(k); }
    bool end() { return m_builder.end(); }
    json take() {
        m_active = false;
        return m_builder.take();
    }

private:
    bool m_active = false;
    JsonBuilder m_builder;
    std::size_t m_values = 0;
};

class Reader {
public:
    Reader(Top top, const std::string& what, const std::string& body_field)
        : m_top(top), m_what(what), m_body_field(body_field) {}

    RecordMessage& result() { return m_message; }

    // nlohmann's SAX interface
    bool null() { return scalar({}); }
    bool boolean(bool b) { return scalar({Scalar::boolean, b}); }
    bool number_integer(std::int64_t i) { return scalar({Scalar::integer, false, i}); }
    bool number_unsigned(std::uint64_t u) { return scalar({Scalar::unsigned_integer, false, 0, u}); }
    // The lexer itself refuses a number past a double (1e999) through parse_error.
    bool number_float(double d, const std::string&) { return scalar({Scalar::floating, false, 0, 0, d}); }
    bool string(std::string& s) { return scalar({Scalar::string, false, 0, 0, 0, &s}); }
    bool binary(json::binary_t&) { not_json("binary values are not JSON"); }  // only CBOR has them
    bool start_object(std::size_t) { return open(false); }
    bool start_array(std::size_t) { return open(true); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    // Strings are copied, never moved, out of the lexer: its token buffer keeps its capacity, where a
    // move would make it grow again from nothing for every string of the body.
    bool key(std::string& k);
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
        not_json(parse_error_reason(e));
    }
    [[noreturn]] void parse_failed(const std::string& reason) { not_json(reason); }

private:
    [[noreturn]] void not_json(const std::string& detail) {
        throw Error(ErrorCode::invalid_input, m_what + " is not valid JSON (" + detail + ")", top_field())
            .vi(m_what + " không phải JSON hợp lệ (" + detail + ")");
    }
    std::string top_field() const { return m_top == Top::message ? m_body_field : "changes"; }
    // Outside records a fault of the message is refused at once, naming the member (or the body).
    [[noreturn]] void bad_message(const std::string& field, const std::string& en, const std::string& vi) {
        throw Error(ErrorCode::invalid_input, m_what + ": " + en, field.empty() ? top_field() : field)
            .vi(m_what + ": " + vi);
    }
    // A value past the limits or with bad text: in a record, a fault naming the record (the rest of
    // it is skipped, nothing more is built); in a message member, refused at once naming it.
    void bad_value(const std::string& en, const std::string& vi) {
        if (!m_record_open) bad_message(m_member, en, vi);
        m_capture.abort();
        fault(en);
    }
    bool capture_can_add();
    bool capture_can_open();
    [[noreturn]] void wrong_top() {
        if (m_top == Top::message)
            throw Error(ErrorCode::invalid_input, m_what + ": the body must be a JSON object", top_field());
        if (m_top == Top::records) throw Error(ErrorCode::invalid_input, m_what + " must be a JSON array", "changes");
        malformed("", "a record must be a JSON object");
    }
    [[noreturn]] void records_not_array() {
        throw Error(ErrorCode::invalid_input, m_what + ": 'records' must be an array", "records");
    }
    // Inside a record the id may come later (canonical text has "f" first): note the fault, skip
    // to the record's end, and report it there with the id.
    void fault(std::string what) {
        if (m_fault.empty()) m_fault = std::move(what);
    }
    bool skipping() const { return !m_fault.empty(); }
    std::string field_shape() const {
        return "field '" + printable(m_field_name) + "' must be [stamp, site, value] or {\"h\": [...], \"c\": {...}}";
    }
    void fault_in_record() {
        if (m_record_key == "f") fault("missing object 'f'");
        else fault("missing string '" + printable(m_record_key) + "'");
    }

    bool scalar(const Scalar& v);
    bool open(bool array);
    bool close();
    void head_value(const Scalar* v, bool array);
    void begin_record();
    void end_record();
    void end_head();
    void end_field_object();
    void add_field(FieldState field);
    void capture_done();

    Top m_top;
    const std::string& m_what;
    const std::string& m_body_field;
    bool m_record_open = false;
    RecordMessage m_message;
    std::vector<Frame> m_frames;
    std::size_t m_depth = 0, m_record_depth = 0;
    ValueCapture m_capture;
    bool m_capturing_member = false;  // else a head value

    std::string m_member;  // the message member whose value comes next
    bool m_member_is_records = false;

    RecordState m_record;
    std::string m_record_key, m_fault;
    bool m_has_id = false, m_has_type = false, m_has_unit = false, m_has_fields = false;

    std::string m_field_name;
    FieldState m_field;  // the {"h", "c"} field being read
    bool m_has_c = false, m_has_h = false;
    std::string m_object_key, m_context_site;

    Head m_head;
    int m_head_index = 0;
    bool m_head_in_list = false;
};

bool Reader::key(std::string& k) {
    if (!is_lexed_key(k)) {
        if (m_record_open) {
            fault("a key holds a control character or U+FEFF");
            m_capture.abort();
        } else {
            bad_message(m_capture.active() ? m_member : "", "a key holds a control character or U+FEFF",
                        "khóa chứa ký tự điều khiển hoặc U+FEFF");
        }
    }
    if (m_capture.active()) {
        if (!m_capture.key(k))
            bad_value("key '" + printable(k) + "' appears twice in a value", "khóa '" + printable(k) + "' lặp lại trong một giá trị");
        return true;
    }
    if (skipping()) {
        if (m_depth == m_record_depth) m_record_key = k;
        return true;
    }
    switch (m_frames.back()) {
        case Frame::message:
            m_member_is_records = k == "records";
            if ((m_member_is_records && m_message.has_records) || m_message.head.contains(k))
                bad_message(k, "member '" + printable(k) + "' appears twice", "thành phần '" + printable(k) + "' lặp lại");
            m_member = k;
            break;
        case Frame::record:
            if (k != "id" && k != "type" && k != "unit" && k != "f") malformed("", "unknown key '" + printable(k) + "'");
            if ((k == "id" && m_has_id) || (k == "type" && m_has_type) || (k == "unit" && m_has_unit) ||
                (k == "f" && m_has_fields))
                fault("key '" + k + "' appears twice");
            m_record_key = k;
            break;
        case Frame::fields:
            m_field_name = k;
            if (m_field_name.empty() || m_field_name.size() > 120) fault("field name must be 1 to 120 characters");
            break;
        case Frame::field_object:
            if ((k != "c" && k != "h") || (k == "c" && m_has_c) || (k == "h" && m_has_h)) fault(field_shape());
            m_object_key = k;
            break;
        case Frame::context:
            m_context_site = k;
            if (m_field.context.contains(k)) fault("field '" + printable(m_field_name) + "' has a bad context");
            break;
        default: break;  // arrays have no keys
    }
    return true;
}

bool Reader::scalar(const Scalar& v) {
    if (v.kind == Scalar::string && !is_lexed_text(*v.s)) {
        bad_value("text holds NUL", "chuỗi chứa ký tự NUL");
        return true;
    }
    if (m_capture.active()) {
        if (capture_can_add() && m_capture.put(v.to_json())) capture_done();
        return true;
    }
    if (skipping()) {
        if (m_depth == m_record_depth && m_record_key == "id" && v.kind == Scalar::string) {
            m_record.id = *v.s;
            m_has_id = true;
        }
        return true;
    }
    if (m_frames.empty()) wrong_top();
    switch (m_frames.back()) {
        case Frame::message:
            if (m_member_is_records) records_not_array();
            m_message.head[m_member] = v.to_json();
            break;
        case Frame::records: malformed("", "a record must be a JSON object");
        case Frame::record:
            if (m_record_key == "f" || v.kind != Scalar::string) {
                fault_in_record();
            } else if (m_record_key == "id") {
                m_record.id = *v.s;
                m_has_id = true;
            } else if (m_record_key == "type") {
                m_record.type = *v.s;
                m_has_type = true;
            } else {
                m_record.unit = *v.s;
                m_has_unit = true;
            }
            break;
        case Frame::fields:
        case Frame::field_object: fault(field_shape()); break;
        case Frame::head: head_value(&v, false); break;
        case Frame::context:
            if (v.kind != Scalar::unsigned_integer || !is_site_id(m_context_site))
                fault("field '" + printable(m_field_name) + "' has a bad context");
            else m_field.context[m_context_site] = v.u;
            break;
        case Frame::heads: fault(head_shape); break;
    }
    return true;
}

void Reader::head_value(const Scalar* v, bool array) {
    switch (m_head_index++) {
        case 0:
            if (v && v->kind == Scalar::unsigned_integer) m_head.dot.stamp = v->u;
            else fault(head_shape);
            break;
        case 1:
            if (v && v->kind == Scalar::string) m_head.dot.site = *v->s;
            else fault(head_shape);
            break;
        case 2:
            if (v) {
                if (v->kind == Scalar::string) m_head.value.reserve(v->s->size() + 2);  // grown once, not twice
                v->append_text(m_head.value);
            } else {
                m_capturing_member = false;
                m_capture.begin();
                m_capture.start(array ? json::array() : json::object());
            }
            break;
        default: fault(head_shape);
    }
}

// A head value, or a message member, may not nest deeper or hold more than the limits; checked
// before anything more is built.
// A message member (a push's signed links) may be as large as a message; a value in a record may not.
bool Reader::capture_can_add() {
    std::size_t limit = m_capturing_member ? max_message_values : max_record_value_values;
    if (m_capture.values() < limit) return true;
    bad_value("a value holds more than " + std::to_string(limit) + " values",
              "một giá trị chứa quá " + std::to_string(limit) + " giá trị");
    return false;
}

bool Reader::capture_can_open() {
    if (!capture_can_add()) return false;
    std::size_t max_depth = m_capturing_member ? max_message_depth - 1 : max_record_value_depth;
    if (m_capture.depth() >= max_depth) {
        bad_value("a value is nested deeper than " + std::to_string(max_depth) + " levels",
                  "một giá trị lồng sâu quá " + std::to_string(max_depth) + " mức");
        return false;
    }
    return true;
}

bool Reader::open(bool array) {
    ++m_depth;
    if (m_capture.active()) {
        if (capture_can_open()) m_capture.start(array ? json::array() : json::object());
        return true;
    }
    if (skipping()) return true;
    if (m_frames.empty()) {
        if (array != (m_top == Top::records)) wrong_top();
        if (m_top == Top::message) m_frames.push_back(Frame::message);
        else if (m_top == Top::records) m_frames.push_back(Frame::records);
        else begin_record();
        return true;
    }
    switch (m_frames.back()) {
        case Frame::message:
            if (m_member_is_records) {
                if (!array) records_not_array();
                m_message.has_records = true;
                m_frames.push_back(Frame::records);
            } else {
                m_capturing_member = true;
                m_capture.begin();
                m_capture.start(array ? json::array() : json::object());
            }
            break;
        case Frame::records:
            if (array) malformed("", "a record must be a JSON object");
            begin_record();
            break;
        case Frame::record:
            if (m_record_key != "f" || array || m_has_fields) {
                fault_in_record();
            } else {
                m_has_fields = true;
                m_frames.push_back(Frame::fields);
            }
            break;
        case Frame::fields:
            if (array) {
                m_frames.push_back(Frame::head);
                m_head = {};
                m_head_index = 0;
                m_head_in_list = false;
            } else {
                m_frames.push_back(Frame::field_object);
                m_field = {};
                m_has_c = m_has_h = false;
            }
            break;
        case Frame::head: head_value(nullptr, array); break;
        case Frame::field_object:
            if (array != (m_object_key == "h")) {
                fault(field_shape());
            } else if (array) {
                m_has_h = true;
                m_frames.push_back(Frame::heads);
            } else {
                m_has_c = true;
                m_frames.push_back(Frame::context);
            }
            break;
        case Frame::context: fault("field '" + printable(m_field_name) + "' has a bad context"); break;
        case Frame::heads:
            if (!array) {
                fault(head_shape);
            } else {
                m_frames.push_back(Frame::head);
                m_head = {};
                m_head_index = 0;
                m_head_in_list = true;
            }
            break;
    }
    return true;
}

bool Reader::close() {
    std::size_t depth = m_depth--;
    if (m_capture.active()) {
        if (m_capture.end()) capture_done();
        return true;
    }
    if (skipping()) {
        if (depth == m_record_depth) end_record();  // throws, naming the record
        return true;
    }
    Frame frame = m_frames.back();
    if (frame == Frame::record) end_record();
    else if (frame == Frame::head) end_head();
    else if (frame == Frame::field_object) end_field_object();
    if (!skipping()) m_frames.pop_back();
    return true;
}

void Reader::capture_done() {
    json value = m_capture.take();
    if (m_capturing_member) m_message.head[m_member] = std::move(value);
    else m_head.value = value.dump();
}

void Reader::begin_record() {
    m_record_open = true;
    m_frames.push_back(Frame::record);
    m_record_depth = m_depth;
    m_record = {};
    m_record_key.clear();
    m_has_id = m_has_type = m_has_unit = m_has_fields = false;
}

void Reader::end_record() {
    m_record_open = false;
    if (skipping()) malformed(m_has_id ? m_record.id : "", m_fault);
    if (!m_has_id) malformed("", "missing string 'id'");
    if (m_record.id.empty() || m_record.id.size() > 80) malformed(m_record.id, "id must be 1 to 80 characters");
    if (!m_has_type) malformed(m_record.id, "missing string 'type'");
    if (!m_has_unit) malformed(m_record.id, "missing string 'unit'");
    if (!m_has_fields) malformed(m_record.id, "missing object 'f'");
    m_message.records.push_back(std::move(m_record));
}

void Reader::end_head() {
    if (m_head_index != 3) return fault(head_shape);
    if (!is_site_id(m_head.dot.site)) return fault("site id '" + printable(m_head.dot.site) + "' is not valid");
    if (m_head.dot.stamp == 0) return fault("stamp must be positive");
    if (m_head_in_list) {
        m_field.heads.push_back(std::move(m_head));
        return;
    }
    FieldState field;
    field.context.emplace(m_head.dot.site, m_head.dot.stamp);
    field.heads.push_back(std::move(m_head));
    add_field(std::move(field));
}

void Reader::end_field_object() {
    if (!m_has_c || !m_has_h || m_field.heads.empty()) return fault(field_shape());
    auto& heads = m_field.heads;
    std::sort(heads.begin(), heads.end(), [](const Head& a, const Head& b) { return a.dot < b.dot; });
    for (std::size_t i = 0; i < heads.size(); ++i) {
        if (i > 0 && heads[i].dot == heads[i - 1].dot) return fault("field '" + printable(m_field_name) + "' repeats a value");
        auto it = m_field.context.find(heads[i].dot.site);
        if (it == m_field.context.end() || it->second < heads[i].dot.stamp)
            return fault("field '" + printable(m_field_name) + "' has a value its context does not cover");
    }
    add_field(std::move(m_field));
}

void Reader::add_field(FieldState field) {
    if (!m_record.fields.try_emplace(m_field_name, std::move(field)).second)
        fault("field '" + printable(m_field_name) + "' appears twice");
}

RecordMessage read(Top top, std::string_view text, const std::string& what, const std::string& body_field = "body") {
    Reader reader(top, what, body_field);
    if (text.starts_with("\xEF\xBB\xBF")) reader.parse_failed("the text starts with a byte order mark");
    json::sax_parse(text.begin(), text.end(), &reader);
    return std::move(reader.result());
}

}  // namespace

RecordMessage read_record_message(std::string_view text, const std::string& what, const std::string& body_field) {
    return read(Top::message, text, what, body_field);
}

std::vector<RecordState> read_records(std::string_view text, const std::string& what) {
    return read(Top::records, text, what).records;
}

RecordState read_record(std::string_view text, const std::string& what) {
    return std::move(read(Top::record, text, what).records.at(0));
}

}  // namespace langnghe
