// The station over HTTPS with its own certificate: a device that trusts it (--cacert) enrolls and
// syncs; one that does not is refused by TLS with a clear error, and nothing is enrolled.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli_device.h"
#include "support/station.h"

using namespace langnghe::test;
using nlohmann::json;

namespace {
// A self-signed certificate for 127.0.0.1, as an admin makes one for a station with no domain name.
void make_certificate(const TempDir& dir) {
    ProcessResult r = run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                                    dir.file("station.key"), "-out", dir.file("station.crt")},
                                  {});
    INFO(r.describe());
    REQUIRE(r.exit_code == 0);
}
}  // namespace

TEST_CASE("devices enroll and sync over HTTPS when they trust the station's certificate", "[e2e][tls]") {
    TempDir dir;
    make_certificate(dir);
    TestStation station;
    station.use_tls(dir.file("station.crt"), dir.file("station.key"));
    station.start();
    REQUIRE(station.url().rfind("https://", 0) == 0);

    CliDevice untrusting(dir, "untrusting");
    untrusting.init();
    ProcessResult refused = untrusting.run({"enroll", "--server", station.url(), "--code", station.issue_code("00004", "officer")});
    INFO(refused.describe());
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("certificate") != std::string::npos);
    CHECK(json::parse(untrusting.ok({"status", "--json"}))["enrolled"] == false);

    CliDevice field(dir, "field"), office(dir, "office");
    for (const CliDevice* d : {&field, &office}) {
        d->init();
        d->ok({"enroll", "--server", station.url(), "--code", station.issue_code("00004", "officer"), "--cacert",
               dir.file("station.crt")});
    }
    field.ok({"sync"});
    field.ok({"feedback", "add", "--unit", "00004", "--kind", "request", "--category", "traffic", "--text",
              "Đề nghị lắp đèn tín hiệu ở ngã tư chợ."});
    field.ok({"sync"});
    office.ok({"sync"});
    CHECK(office.ok({"search", "den tin hieu"}).find("ngã tư chợ") != std::string::npos);
}
