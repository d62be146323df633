// The link and entry formats: what is hashed, what is signed, and the JSON a link travels and is
// stored as.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <limits>

#include "langnghe/base/error.h"
#include "langnghe/codec/bounded_json.h"
#include "langnghe/codec/codec.h"
#include "langnghe/storage/custody.h"
#include "langnghe/storage/custody_json.h"
#include "langnghe/storage/custody_crypto.h"

namespace langnghe {

namespace {
constexpr std::string_view link_format = "langnghe-custody-link/1";
constexpr std::size_t max_decoded_link_entries = 2 * max_link_entries;
constexpr std::size_t max_entry_fields = 64;

[[noreturn]] void bad_link(const std::string& what) {
    throw Error(ErrorCode::invalid_input, "custody link: " + what, "links").vi("mắt xích lưu vết: " + what);
}

std::string text_member(const nlohmann::json& j, const char* key, std::size_t max_size = 256) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) bad_link(std::string("'") + key + "' must be a string");
    const auto& s = it->get_ref<const std::string&>();
    if (s.size() > max_size) bad_link(std::string("'") + key + "' is too long");
    return s;
}

std::uint64_t number_member(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_unsigned()) bad_link(std::string("'") + key + "' must be a number >= 0");
    return it->get<std::uint64_t>();
}

CustodyEntry entry_from_json(const nlohmann::json& j) {
    if (!j.is_array() || j.size() != 5 || !j[0].is_string() || !j[1].is_number_unsigned() || !j[2].is_array() ||
        !j[3].is_string() || !j[4].is_string())
        bad_link("an entry must be [record, stamp, [fields], hash, nonce]");
    CustodyEntry e{j[0].get<std::string>(), j[1].get<Stamp>(), {}, j[3].get<std::string>(), j[4].get<std::string>()};
    if (e.record.empty() || e.record.size() > 128) bad_link("an entry's record id is empty or too long");
    if (j[2].empty() || j[2].size() > max_entry_fields) bad_link("entry " + printable(e.record) + " lists no fields or too many");
    for (const auto& f : j[2]) {
        if (!f.is_string() || f.get_ref<const std::string&>().empty() || f.get_ref<const std::string&>().size() > 64)
            bad_link("entry " + printable(e.record) + " lists a field that is not a short name");
        if (!e.fields.empty() && !(e.fields.back() < f.get_ref<const std::string&>()))
            bad_link("entry " + printable(e.record) + " lists its fields out of order or twice");
        e.fields.push_back(f.get<std::string>());
    }
    if (!is_hex(e.hash, 32)) bad_link("entry " + printable(e.record) + " has a hash that is not 64 hex digits");
    if (!e.nonce.empty() && !is_hex(e.nonce, 16)) bad_link("entry " + printable(e.record) + " has a malformed nonce");
    return e;
}

CustodyLink link_from_json(const nlohmann::json& j) {
    if (!j.is_object()) bad_link("a link must be an object");
    for (const auto& [key, value] : j.items())
        if (key != "site" && key != "n" && key != "prev" && key != "signed_at" && key != "entries" && key != "signature")
            bad_link("unknown member '" + printable(key) + "'");
    CustodyLink link;
    link.site = text_member(j, "site", 64);
    link.n = number_member(j, "n");
    link.prev = text_member(j, "prev", 64);
    // Past int64 it would be signed and stored negative, and written back as no link reads.
    std::uint64_t signed_at = number_member(j, "signed_at");
    if (signed_at > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        bad_link("'signed_at' is past any time");
    link.signed_at = static_cast<std::int64_t>(signed_at);
    link.signature = text_member(j, "signature", 128);
    // Checked here, so that every refusal of a link that parsed names it by a printable site.
    if (!is_site_id(link.site)) bad_link("'site' must be a site id");
    if (link.n == 0) bad_link("'n' must be 1 or more");
    std::string name = "link " + link.site + "#" + std::to_string(link.n);
    if (link.n == 1 ? !link.prev.empty() : !is_hex(link.prev, 32)) bad_link(name + " has a malformed 'prev'");
    if (!is_hex(link.signature, 64)) bad_link(name + " has a malformed 'signature' (not 128 hex digits)");
    auto entries = j.find("entries");
    if (entries == j.end() || !entries->is_array() || entries->empty() || entries->size() > max_decoded_link_entries)
        bad_link("'entries' must be an array of 1 to " + std::to_string(max_decoded_link_entries) + " entries");
    link.entries = entries_from_json(*entries);
    return link;
}

void append_number(std::string& out, std::uint64_t number) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
    out.append(digits, end);
}

std::string_view field_name(const std::string& field) { return field; }
std::string_view field_name(const FieldValueView& value) { return value.first; }

// One entry as encode_entries writes it: [record, stamp, [fields], hash, nonce].
template <class Fields>
void append_entry(std::string& out, std::string_view record, Stamp stamp, const Fields& fields, std::string_view hash,
                  std::string_view nonce) {
    out += '[';
    append_json_string(out, record);
    out += ',';
    append_number(out, stamp);
    out += ",[";
    bool first = true;
    for (const auto& f : fields) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, field_name(f));
    }
    out += "],\"";
    out += hash;
    out += "\",\"";
    out += nonce;
    out += "\"]";
}

// `piece` length-prefixed, as Sha256::add_sized feeds it: the same bytes, hashed in one update.
void append_sized(std::string& out, std::string_view piece) {
    append_number(out, piece.size());
    out += ':';
    out += piece;
}

void append_sized_number(std::string& out, std::uint64_t number) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
    append_sized(out, std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

// What a link's body digests of one entry: its record, stamp, fields and hash (not its nonce).
template <class Fields>
void append_entry_digested(std::string& out, std::string_view record, Stamp stamp, const Fields& fields,
                           std::string_view hash) {
    append_sized(out, record);
    append_sized_number(out, stamp);
    for (const auto& f : fields) append_sized(out, field_name(f));
    append_sized(out, hash);
}

}  // namespace

std::string link_body(std::string_view site, std::uint64_t n, std::string_view prev, std::int64_t signed_at,
                      std::string_view entries_digest_hex) {
    std::string out(link_format);
    std::string number = std::to_string(n), time = std::to_string(signed_at);
    for (std::string_view part : {site, std::string_view(number), prev, std::string_view(time), entries_digest_hex}) {
        out += '\n';
        append_number(out, part.size());
        out += ':';
        out += part;
    }
    return out;
}

std::string CustodyLink::body() const {
    std::string digested;
    digested.reserve(entries.size() * 160);
    for (const auto& e : entries) append_entry_digested(digested, e.record, e.stamp, e.fields, e.hash);
    return link_body(site, n, prev, signed_at, sha256_hex(digested));
}

std::string CustodyLink::hash() const { return sha256_hex(body()); }

std::string entry_hash(std::string_view nonce_hex, std::string_view record, Stamp stamp,
                       std::span<const FieldValueView> values) {
    thread_local Sha256 hasher;
    thread_local std::string hashed;
    hashed.clear();
    append_sized(hashed, nonce_hex);
    append_sized(hashed, record);
    append_sized_number(hashed, stamp);
    for (const auto& [field, value] : values) {
        append_sized(hashed, field);
        append_sized(hashed, value);
    }
    return hasher.add(hashed).hex();
}

std::string entry_hash(std::string_view nonce_hex, std::string_view record, Stamp stamp,
                       const std::vector<std::pair<std::string, std::string>>& values) {
    std::vector<FieldValueView> views(values.begin(), values.end());
    return entry_hash(nonce_hex, record, stamp, views);
}

namespace {
// The link an entry stamped `stamp` goes into: the last one, or a new one when that is full.
PendingCustodyLink& link_with_room(std::vector<PendingCustodyLink>& links, std::vector<PendingCustodyLink>& spare,
                                   Stamp stamp) {
    if (links.empty() || links.back().count == max_link_entries) {
        // A full link's buffers hold about 200 kB: growing them entry by entry was a third of
        // noting a bulk write's entries in a perf profile (reallocation and page faults). Spare
        // buffers spare a one-record commit an allocation of its own.
        if (spare.empty()) {
            links.emplace_back();
            links.back().entries.reserve(max_link_entries * 256);
            links.back().digested.reserve(max_link_entries * 192);
        } else {
            links.push_back(std::move(spare.back()));
            spare.pop_back();
        }
        auto& fresh = links.back();
        fresh.entries.assign(1, '[');
        fresh.digested.clear();
        fresh.count = 0;
        fresh.first_stamp = fresh.last_stamp = stamp;
    }
    return links.back();
}

template <class Fields>
void append_pending(PendingCustodyLink& link, std::string_view record, Stamp stamp, const Fields& fields,
                    std::string_view hash, std::string_view nonce_hex) {
    if (link.count > 0) link.entries += ',';
    append_entry(link.entries, record, stamp, fields, hash, nonce_hex);
    append_entry_digested(link.digested, record, stamp, fields, hash);
    link.first_stamp = std::min(link.first_stamp, stamp);
    link.last_stamp = std::max(link.last_stamp, stamp);
    ++link.count;
}
}  // namespace

void add_pending_entry(std::vector<PendingCustodyLink>& links, std::vector<PendingCustodyLink>& spare,
                       std::string_view nonce_hex, std::string_view record, Stamp stamp,
                       std::span<const FieldValueView> values) {
    auto& link = link_with_room(links, spare, stamp);
    append_pending(link, record, stamp, values, entry_hash(nonce_hex, record, stamp, values), nonce_hex);
}

void add_pending_entry(std::vector<PendingCustodyLink>& links, std::vector<PendingCustodyLink>& spare,
                       const CustodyEntry& entry) {
    append_pending(link_with_room(links, spare, entry.stamp), entry.record, entry.stamp, entry.fields, entry.hash,
                   entry.nonce);
}

std::string encode_entries(const std::vector<CustodyEntry>& entries) {
    std::string out = "[";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i) out += ',';
        append_entry(out, entries[i].record, entries[i].stamp, entries[i].fields, entries[i].hash, entries[i].nonce);
    }
    return out + "]";
}

std::vector<CustodyEntry> entries_from_json(const nlohmann::json& array) {
    std::vector<CustodyEntry> out;
    out.reserve(array.size());
    for (const auto& e : array) out.push_back(entry_from_json(e));
    return out;
}

std::string encode_link(const CustodyLink& link) {
    std::string out = "{\"site\":";
    append_json_string(out, link.site);
    out += ",\"n\":" + std::to_string(link.n) + ",\"prev\":\"" + link.prev + "\",\"signed_at\":" +
           std::to_string(link.signed_at) + ",\"entries\":" + encode_entries(link.entries) + ",\"signature\":\"" +
           link.signature + "\"}";
    return out;
}

std::string encode_links(const std::vector<CustodyLink>& links) {
    std::string out = "[";
    for (std::size_t i = 0; i < links.size(); ++i) {
        if (i) out += ",\n";
        out += encode_link(links[i]);
    }
    return out + "]";
}

std::vector<RegisteredKey> keys_from_json(const nlohmann::json& array, const std::string& member) {
    auto bad_key = [&](const std::string& en, const std::string& vi) {
        throw Error(ErrorCode::invalid_input, "'" + member + "' " + en, member).vi("'" + member + "' " + vi);
    };
    if (!array.is_array()) bad_key("must be an array", "phải là một mảng");
    std::vector<RegisteredKey> out;
    out.reserve(array.size());
    for (const auto& j : array) {
        if (!j.is_array() || j.size() != 3 || !j[0].is_string() || !j[1].is_string() || !j[2].is_string())
            bad_key("must hold entries [site, public key, status]", "phải gồm các mục [site, khóa công khai, trạng thái]");
        RegisteredKey key{j[0].get<std::string>(), j[1].get<std::string>(), j[2].get<std::string>()};
        std::string site = printable(key.site);
        if (!is_site_id(key.site))
            bad_key("names '" + site + "', which is not a site id", "ghi '" + site + "', không phải mã site");
        if (!is_hex(key.public_key, 32))
            bad_key("gives site " + site + " a key that is not an Ed25519 public key (64 hex digits)",
                    "ghi cho site " + site + " một khóa không phải khóa công khai Ed25519 (64 chữ số hex)");
        if (key.status != "active" && key.status != "revoked")
            bad_key("gives site " + site + " the status '" + printable(key.status) + "', not 'active' or 'revoked'",
                    "ghi cho site " + site + " trạng thái '" + printable(key.status) + "', không phải 'active' hay 'revoked'");
        out.push_back(std::move(key));
    }
    return out;
}

std::vector<CustodyLink> links_from_json(const nlohmann::json& array) {
    if (!array.is_array()) bad_link("'links' must be an array");
    std::vector<CustodyLink> out;
    out.reserve(array.size());
    for (const auto& link : array) out.push_back(link_from_json(link));
    return out;
}

}  // namespace langnghe
