// langnghe: the field device's command line, a thin layer over langnghe_core.
#include "app.h"

int main(int argc, char** argv) {
    using namespace langnghe::cli;
    Context ctx(detect_lang(argc, argv));
    CLI::App app;
    build_app(app, ctx);
    return run(app, ctx, argc, argv);
}
