#pragma once
// What every command shares: the global options, the device database (opened on first use), the
// acting officer, and output in the user's language or as JSON.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/base/lang.h"
#include "langnghe/model/records.h"
#include "langnghe/outputs/views.h"
#include "langnghe/storage/store.h"

namespace langnghe::cli {

// The language of help and output before options are parsed: `--lang X` on the command line, else
// LANG (`vi*` → Vietnamese), else English. Help texts are built in it.
using langnghe::detect_lang;
// $LANGNGHE_DB, else $XDG_DATA_HOME/langnghe/device.db, else ~/.local/share/langnghe/device.db.
std::string default_db_path();

// Long text cut to `max` characters (not bytes) and put on one line, for a table cell.
std::string shorten(std::string_view text, std::size_t max);

// A label and its value, for `show`-style output.
using Row = std::pair<std::string, std::string>;

class Context {
public:
    explicit Context(Lang lang);
    ~Context();

    // Global options, bound to the parser in main.cpp.
    std::string db_path;
    std::string lang_code;
    bool json = false;

    Lang lang() const { return m_lang; }
    // Called once the options are parsed: `--lang` wins over the language detected before.
    void set_lang(Lang lang) { m_lang = lang; }
    std::string tr(std::string_view vi, std::string_view en) const { return std::string(m_lang == Lang::vi ? vi : en); }

    // The device database; a missing file is a runtime error (run `langnghe init` first).
    Store& store();
    // Opens the database, creating it when missing (only `init` does this).
    Store& create_store();
    // The acting officer: env LANGNGHE_OFFICER, else the device's `officer`; role from `role`.
    Actor actor();

    // ISO date or date-time as the user reads it (dd/mm/yyyy in Vietnamese).
    std::string date(std::string_view iso) const;
    // "Có"/"Yes" and "Không"/"No".
    std::string yes_no(bool value) const;

    // Output: each writes one item to stdout.
    void print_line(std::string_view text) const;
    // A line for the person at the device, on stderr: stdout stays what a script reads.
    void tell(std::string_view text) const;
    void print_json(const ViewObject& object) const;
    void print_json_text(const std::string& json_text) const;
    // Aligned "label: value" lines; empty values are left out.
    void print_rows(const std::vector<Row>& rows) const;
    // A table with a header row; columns padded by characters, not bytes.
    void print_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) const;

private:
    Lang m_lang;
    std::unique_ptr<Store> m_store;
};

}  // namespace langnghe::cli
