// Vietnamese output carries no English vocabulary (issue 15, "Language"): every read command, run
// in Vietnamese over a device holding every kind of record, prints labels, not codes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli_device.h"

using namespace langnghe::test;
using nlohmann::json;

namespace {
// Codes of the vocabularies and words of the English interface that a Vietnamese reader must never
// meet: roles, record types, statuses, kinds, categories, channels, device states.
const char* const english_words[] = {
    "officer",   "unit_head",    "supervisor", "feedback",     "ballot",       "status_event", "revision",
    "redaction", "active",       "revoked",    "received",     "acknowledged", "answered",     "resolved",
    "referred",  "planned",      "in_progress", "cancelled",   "overdue",      "criticism",    "praise",
    "suggestion", "request",     "incident",   "traffic",      "theft",        "loan_sharks",  "door_to_door",
    "patrol",    "reception",    "hotline",    "never",        "text",         "Records",      "Role",         "Unit",
    "partly",    "not_met",      "assessment", "commitment",   "security_order", "fire_safety", "Score",
    "households", "Signed",      "previous",
};
const std::string example_criteria = std::string(LANGNGHE_SOURCE_DIR) + "/data/criteria/example-model-ward.json";

// A whole word of `text` (letters, digits and _ around it do not count as a match boundary).
bool has_word(const std::string& text, const std::string& word) {
    for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        auto is_word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
        bool starts = at == 0 || !is_word_char(text[at - 1]);
        bool ends = at + word.size() >= text.size() || !is_word_char(text[at + word.size()]);
        if (starts && ends) return true;
    }
    return false;
}
// The text without `quoted commands`, which stay as typed ("xem `feedback history`").
std::string without_commands(const std::string& text) {
    std::string out;
    bool quoted = false;
    for (char c : text) {
        if (c == '`') quoted = !quoted;
        else if (!quoted) out.push_back(c);
    }
    return out;
}
}  // namespace

TEST_CASE("every read command's Vietnamese output is free of English vocabulary codes", "[cli][lang]") {
    TempDir dir;
    CliDevice device{dir, "device", "Thiếu tá Lê Văn Hùng"};
    device.init();
    device.import_units(dir);
    device.act_as("unit_head");
    device.ok({"sample", "--unit", "01", "--units", "2", "--forums", "2", "--feedback", "30", "--ballots", "20", "--seed", "7"});
    json feedback = json::parse(device.ok({"feedback", "list", "--json"}));
    REQUIRE(!feedback.empty());
    std::string feedback_id = feedback[0]["id"];
    json forums = json::parse(device.ok({"forum", "list", "--json"}));
    REQUIRE(!forums.empty());
    std::string forum_id = forums[0]["id"];
    json actions = json::parse(device.ok({"action", "list", "--json"}));
    REQUIRE(!actions.empty());
    std::string action_id = actions[0]["id"];
    // A kept conflict: another device edits the same words while this one does.
    CliDevice other{dir, "other", "Đại úy Trần Thị Bình"};
    other.init();
    auto send = [&](const CliDevice& from, const CliDevice& to, const std::string& name) {
        from.ok({"changes", "export", dir.file(name)});
        to.ok({"changes", "import", dir.file(name)});
    };
    send(device, other, "to-other.json");
    device.ok({"feedback", "update", feedback_id, "--text", "Đường ngõ 5 ngập sâu khi mưa"});
    other.ok({"feedback", "update", feedback_id, "--text", "Ngõ 5 ngập nước, xe máy chết máy"});
    send(other, device, "to-device.json");
    json conflicts = json::parse(device.ok({"conflicts", "--json"}));
    REQUIRE(!conflicts.empty());
    std::string conflict_id = conflicts[0]["id"];

    // Criteria assessments and household commitments (issue 15's new practice).
    device.ok({"criteria", "import", example_criteria});
    device.ok({"criteria", "assess", "--unit", "00004", "--period", "2026-Q4", "--criterion", "A1", "--result", "partly",
               "--evidence", "Biên bản hội nghị"});
    device.ok({"criteria", "assess", "--unit", "00004", "--period", "2026-Q4", "--criterion", "A1", "--result", "met"});
    device.ok({"criteria", "assess", "--unit", "00004", "--period", "2026-Q4", "--criterion", "A2", "--result", "not_met"});
    for (const char* kind : {"security_order", "traffic", "fire_safety"})
        device.ok({"commitment", "add", "--unit", "TDP1", "--year", "2026", "--households", "120", "--signed", "97",
                   "--kind", kind});

    const std::vector<std::vector<std::string>> commands = {
        {"status"},
        {"unit", "list"},
        {"feedback", "list"},
        {"feedback", "show", feedback_id},
        {"feedback", "history", feedback_id},
        {"action", "history", action_id},
        {"search", "đường"},
        {"forum", "list"},
        {"forum", "show", forum_id},
        {"forum", "report", forum_id},
        {"forum", "summary", "--unit", "01"},
        {"forum", "summary", "--unit", "01", "--quarter", "2026-Q4"},
        {"ballot", "list"},
        {"action", "list"},
        {"action", "show", action_id},
        {"action", "overdue"},
        {"conflicts"},
        {"conflicts", "show", conflict_id},
        {"report", "--unit", "01"},
        {"report", "--unit", "01", "--quarter", "2026-Q4"},
        {"report", "--unit", "01", "--year", "2026"},
        {"criteria", "list"},
        {"criteria", "list", "--set", "example-model-ward@2026.1"},
        {"criteria", "history", "--unit", "00004", "--period", "2026-Q4", "--criterion", "A1"},
        {"criteria", "report", "--unit", "01", "--period", "2026-Q4"},
        {"commitment", "list"},
        {"commitment", "report", "--unit", "01", "--year", "2026"},
    };
    for (const auto& command : commands) {
        std::vector<std::string> args{"--lang", "vi"};
        args.insert(args.end(), command.begin(), command.end());
        ProcessResult r = device.run(args);
        std::string shown;
        for (const auto& a : command) shown += a + " ";
        INFO("langnghe --lang vi " << shown << "\n" << r.out << r.err);
        REQUIRE(r.exit_code == 0);
        std::string prose = without_commands(r.out + r.err);
        for (const char* word : english_words) {
            INFO("English word: " << word);
            CHECK_FALSE(has_word(prose, word));
        }
    }
}
