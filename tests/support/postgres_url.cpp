#include "postgres_url.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace langnghe::test {

std::string postgres_test_url() {
    const char* file = std::getenv("LANGNGHE_TEST_PG_URL_FILE");
    if (!file || !*file)
        throw std::runtime_error("LANGNGHE_TEST_PG_URL_FILE is not set: run the PostgreSQL tests through CTest "
                                 "(ctest -R '^pg/'), whose `postgres` fixture starts the cluster");
    std::ifstream in(file);
    std::string url;
    if (!in || !std::getline(in, url) || url.empty())
        throw std::runtime_error(std::string("no URL in ") + file +
                                 " (LANGNGHE_TEST_PG_URL_FILE): the test cluster is not running; "
                                 "`scripts/pg-cluster start DIR` writes DIR/url");
    return url;
}

bool postgres_store_requested() {
    const char* store = std::getenv("LANGNGHE_TEST_STORE");
    return store && std::string(store) == "postgres";
}

}  // namespace langnghe::test
