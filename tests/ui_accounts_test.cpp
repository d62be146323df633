// The dashboard's accounts (issue 16): scrypt as RFC 7914 has it, one-time passwords, and the
// `user` admin commands on a real station.
#include <catch2/catch.hpp>

#include <regex>

#include "langnghe/base/error.h"
#include "password.h"
#include "support/station.h"

using namespace langnghe;
using namespace langnghe::server::ui;

TEST_CASE("scrypt gives the RFC 7914 test vectors", "[ui]") {
    CHECK(scrypt_hex("", "", {16, 1, 1}, 64) ==
          "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
          "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
    CHECK(scrypt_hex("password", "NaCl", {1024, 8, 16}, 64) ==
          "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
          "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
}

TEST_CASE("a password hash has its parameters, a salt of its own, and matches only its password", "[ui]") {
    PasswordHash a = hash_password("mật khẩu đủ dài");
    PasswordHash b = hash_password("mật khẩu đủ dài");
    CHECK(a.params.n == 32768);
    CHECK(a.params.r == 8);
    CHECK(a.params.p == 1);
    CHECK(a.salt_hex.size() == 32);
    CHECK(a.key_hex.size() == 64);
    CHECK(a.salt_hex != b.salt_hex);
    CHECK(password_matches("mật khẩu đủ dài", a));
    CHECK_FALSE(password_matches("mật khẩu đủ dàI", a));
}

TEST_CASE("one-time passwords are 16 Crockford characters in groups of four, and new passwords are checked", "[ui]") {
    std::regex shape("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
    std::string first = one_time_password();
    CHECK(std::regex_match(first, shape));
    CHECK(one_time_password() != first);
    CHECK_THROWS_AS(check_new_password("short", first), Error);
    CHECK_THROWS_AS(check_new_password(first, first), Error);
    CHECK_NOTHROW(check_new_password("một mật khẩu mới", first));
}

TEST_CASE("user add prints a one-time password; list, disable and reset act on the account; bad input is refused",
          "[ui]") {
    test::TestStation station(test::TestStation::Store::embedded);
    std::string out = station.admin({"user", "add", "--name", "an.nguyen", "--unit", "00004", "--role", "supervisor"});
    CHECK(std::regex_search(out, std::regex("an\\.nguyen: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")));

    std::string listed = station.admin({"user", "list"});
    CHECK(listed.find("an.nguyen\t00004\tsupervisor\tmust change password") != std::string::npos);

    auto again = station.run_admin({"user", "add", "--name", "an.nguyen", "--unit", "00004", "--role", "supervisor"});
    CHECK(again.exit_code == 1);
    CHECK(again.err.find("exists already") != std::string::npos);
    auto bad_role = station.run_admin({"user", "add", "--name", "b", "--unit", "00004", "--role", "officer"});
    CHECK(bad_role.exit_code == 2);
    auto bad_unit = station.run_admin({"user", "add", "--name", "b", "--unit", "99999", "--role", "admin"});
    CHECK(bad_unit.exit_code == 2);
    CHECK(bad_unit.err.find("99999") != std::string::npos);
    auto spaced = station.run_admin({"user", "add", "--name", "an nguyen", "--unit", "00004", "--role", "admin"});
    CHECK(spaced.exit_code == 2);

    station.admin({"user", "disable", "an.nguyen"});
    CHECK(station.admin({"user", "list"}).find("disabled") != std::string::npos);
    std::string reset = station.admin({"user", "reset", "an.nguyen"});
    CHECK(std::regex_search(reset, std::regex("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")));
    CHECK(reset.find(out.substr(out.find(": ") + 2, 19)) == std::string::npos);
    CHECK(station.admin({"user", "list"}).find("must change password") != std::string::npos);
    auto unknown = station.run_admin({"user", "reset", "nobody"});
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.err.find("nobody") != std::string::npos);

    CHECK(station.admin({"user", "audit"}).empty());  // nobody has logged in
    CHECK(station.admin({"--json", "user", "audit"}) == "[]\n");

    auto vi = station.run_admin({"--lang", "vi", "user", "disable", "nobody"});
    CHECK(vi.err.find("không có người dùng") != std::string::npos);
}
