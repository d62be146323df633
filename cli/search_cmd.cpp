// `langnghe search TEXT`: feedback whose text, answer, notes or category contain every word,
// ignoring case and diacritics ("thai do" finds "Thái độ", "tin dung den" finds loan-shark items).
#include "commands.h"
#include "feedback_text.h"
#include "options.h"
#include "langnghe/model/search.h"

namespace langnghe::cli {

void add_search_commands(CLI::App& app, Context& ctx) {
    auto words = std::make_shared<std::vector<std::string>>();
    auto limit = std::make_shared<int>(100);
    CLI::App* cmd = add_command(app, ctx, "search", "Tìm ý kiến theo nội dung (không phân biệt dấu, hoa thường)",
                                "Search feedback text (ignores case and diacritics)");
    cmd->add_option("TEXT", *words, ctx.tr("Các từ cần tìm", "Words to find"))->required();
    cmd->add_option("--limit", *limit, ctx.tr("Số kết quả tối đa", "At most this many results"))
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    auto unit = std::make_shared<std::optional<std::string>>();
    add_text_option(cmd, "--unit", *unit, ctx.tr("Đơn vị này và các đơn vị trực thuộc", "This unit and the units below it"));
    cmd->callback([&ctx, words, limit, unit] {
        std::string query;
        for (const auto& w : *words) query += (query.empty() ? "" : " ") + w;
        std::vector<Feedback> found = search_feedback(ctx.store(), query, static_cast<std::size_t>(*limit), *unit);
        if (ctx.json) return ctx.print_json_text(to_json_array(found, feedback_view));
        print_feedback_table(ctx, found);
    });
}

}  // namespace langnghe::cli
