// `langnghe-server serve`: runs the HTTP server until SIGTERM or SIGINT, then stops accepting,
// lets in-flight requests finish (each batch commits or rolls back as one transaction) and exits.
#include <csignal>
#include <iostream>
#include <pthread.h>
#include <sys/resource.h>
#include <algorithm>
#include <thread>

#include "admin.h"
#include "http_server.h"
#include "pg_station_store.h"
#include "ui_routes.h"

namespace langnghe::server {

namespace {
ListenConfig parse_listen(const std::string& listen) {
    ListenConfig config;
    auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size())
        throw_invalid("listen", "listen: '" + listen + "' must be HOST:PORT", "listen: '" + listen + "' phải có dạng HOST:PORT");
    config.host = listen.substr(0, colon);
    if (config.host.size() > 2 && config.host.front() == '[' && config.host.back() == ']')
        config.host = config.host.substr(1, config.host.size() - 2);
    try {
        std::size_t used = 0;
        config.port = std::stoi(listen.substr(colon + 1), &used);
        if (used != listen.size() - colon - 1) throw std::invalid_argument("port");
    } catch (const std::exception&) {
        config.port = -1;
    }
    if (config.port < 0 || config.port > 65535) throw_invalid("listen", "listen: the port of '" + listen + "' is not 0–65535");
    return config;
}
// Each connection is a file descriptor: raise the soft limit (up to the hard one) so the connection
// cap, not EMFILE, is what refuses clients.
void allow_open_files(unsigned connections) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    rlim_t wanted = static_cast<rlim_t>(connections) + 64;  // the database, its WAL, the log, epoll
    if (limit.rlim_cur >= wanted) return;
    limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
    setrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < wanted)
        std::cerr << "warning: the open-file limit " << limit.rlim_cur << " is below --max-connections " << connections
                  << "; raise it (ulimit -n) or lower --max-connections" << std::endl;
}
}  // namespace

void add_serve_commands(CLI::App& app, AdminContext& ctx) {
    struct ServeArgs {
        std::string listen = "127.0.0.1:8470", cert, key;
        ConnectionLimits limits;
    };
    auto args = std::make_shared<ServeArgs>();
    CLI::App* serve = app.add_subcommand("serve", ctx.tr("Chạy máy chủ đồng bộ", "Run the sync server"));
    serve->add_option("--listen", args->listen, "HOST:PORT")->capture_default_str();
    serve->add_option("--cert", args->cert, ctx.tr("Chứng chỉ TLS (PEM)", "TLS certificate (PEM)"));
    serve->add_option("--key", args->key, ctx.tr("Khóa riêng TLS (PEM)", "TLS private key (PEM)"));
    serve->add_option("--max-connections", args->limits.max_connections,
                      ctx.tr("Số kết nối tối đa cùng lúc", "Most connections open at once"))
        ->check(CLI::Range(1u, 100000u))
        ->capture_default_str();
    serve->add_option("--max-connections-per-address", args->limits.max_connections_per_address,
                      ctx.tr("Số kết nối tối đa từ một địa chỉ", "Most connections open at once from one address"))
        ->check(CLI::Range(1u, 100000u))
        ->capture_default_str();
    serve->callback([&ctx, args] {
        ListenConfig config = parse_listen(args->listen);
        config.cert_file = args->cert;
        config.key_file = args->key;
        config.limits = args->limits;
        allow_open_files(config.limits.max_connections);
        auto station = open_station(ctx);
        if (auto* pg = dynamic_cast<PgStationStore*>(&station->data()))
            pg->prepare_replica([](std::int64_t records, std::int64_t pos, std::int64_t ms) {
                std::cerr << "working replica ready: " + std::to_string(records) + " records up to change " +
                                 std::to_string(pos) + " in " + std::to_string(ms) + " ms\n";
            });

        // Signals are taken by one thread with sigwait, not by a handler, so stopping the server
        // runs as ordinary code. Blocked before any other thread starts, so all inherit the mask.
        sigset_t stop_signals;
        sigemptyset(&stop_signals);
        sigaddset(&stop_signals, SIGTERM);
        sigaddset(&stop_signals, SIGINT);
        pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

        HttpServer http(*station, config, std::cerr);
        http.set_web_handler(std::make_shared<ui::UiRoutes>(*station));
        int port = http.bind();
        std::thread stopper([&] {
            int signal = 0;
            sigwait(&stop_signals, &signal);
            std::cerr << "stopping on signal " << signal << std::endl;
            http.stop();
        });
        std::cout << "listening on " << (config.host.find(':') != std::string::npos ? "[" + config.host + "]" : config.host)
                  << ":" << port << (config.cert_file.empty() ? "" : " (https)") << std::endl;
        http.run();
        // Stopped by a signal, or the server failed: either way wake the stopper so it can be joined.
        pthread_kill(stopper.native_handle(), SIGTERM);
        stopper.join();
        std::cout << "stopped" << std::endl;
    });
}

}  // namespace langnghe::server
