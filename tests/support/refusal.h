#pragma once
// The Error a call throws, for tests that check a refusal's code, field, details and messages.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <utility>

#include "langnghe/base/error.h"

namespace langnghe::test {

// Runs `call` and returns the Error it throws, failing the test when it throws none.
template <class Call>
Error refusal(Call&& call) {
    try {
        std::forward<Call>(call)();
    } catch (const Error& e) {
        return e;
    }
    FAIL("no error was thrown");
    throw std::logic_error("unreachable");
}

}  // namespace langnghe::test
