#include "cli11_language.h"

namespace langnghe::cli_language {
namespace {

constexpr const char* help_vi = "In hướng dẫn này rồi thoát";
constexpr const char* help_en = "Print this help and exit";
constexpr const char* commands_vi = "Lệnh";
constexpr const char* options_vi = "Tùy chọn";

}  // namespace

void localise_root(CLI::App& app, Lang lang) {
    app.set_help_flag("-h,--help", lang == Lang::vi ? help_vi : help_en);
    if (lang != Lang::vi) return;
    auto f = app.get_formatter();
    // Labels inside the option column stay ASCII ("TEXT", "(*)" for required): CLI11 pads that column
    // by bytes, so accented words there would misalign the descriptions.
    for (auto [key, vi] : {std::pair{"Usage", "Cách dùng"},
                           {"OPTIONS", "TÙY CHỌN"},
                           {"SUBCOMMAND", "LỆNH"},
                           {"SUBCOMMANDS", "LỆNH"},
                           {"REQUIRED", "(*)"},
                           {"Positionals", "Tham số"},
                           {"Env", "Biến môi trường"},
                           {"Needs", "Cần"},
                           {"Excludes", "Loại trừ"}})
        f->label(key, vi);
    app.option_defaults()->group(options_vi);
}

void localise_tree(CLI::App& app, Lang lang) {
    if (lang != Lang::vi) return;
    for (CLI::Option* option : app.get_options())
        if (option->get_group() == "Options") option->group(options_vi);
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        if (sub->get_group() == "Subcommands") sub->group(commands_vi);
        if (sub->get_help_ptr() == nullptr) sub->set_help_flag("-h,--help", help_vi);
        sub->get_help_ptr()->description(help_vi);
        if (sub->get_footer().empty()) sub->footer("(*) bắt buộc");
        localise_tree(*sub, lang);
    }
}

std::string usage_message(const CLI::ParseError& e, Lang lang) {
    if (lang != Lang::vi) return e.what();
    std::string kind = "lệnh chưa đúng";
    if (dynamic_cast<const CLI::RequiredError*>(&e))
        kind = "thiếu tùy chọn, tham số hoặc lệnh bắt buộc";
    else if (dynamic_cast<const CLI::ExtrasError*>(&e))
        kind = "có lệnh hoặc tùy chọn không hiểu được";
    else if (dynamic_cast<const CLI::ConversionError*>(&e))
        kind = "giá trị không đúng kiểu";
    else if (dynamic_cast<const CLI::ValidationError*>(&e))
        kind = "giá trị không hợp lệ";
    else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e))
        kind = "số giá trị của tùy chọn không đúng";
    return kind + " (" + e.what() + ")";
}

}  // namespace langnghe::cli_language
