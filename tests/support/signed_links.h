#pragma once
// Custody links signed in a test, for records a test writes by hand rather than through a Store:
// what a real device would send with them (custody.h).
#include <string>
#include <vector>

#include "langnghe/merge/merge.h"
#include "langnghe/storage/custody.h"
#include "langnghe/storage/custody_crypto.h"

namespace langnghe::test {

// One site's chain, signed with its own key.
class SignedChain {
public:
    explicit SignedChain(std::string site) : m_site(std::move(site)), m_keys(generate_key_pair()) {}
    const std::string& site() const { return m_site; }
    const std::string& public_key() const { return m_keys.public_key; }
    // The next link, with an entry for every value of this site in `records`.
    CustodyLink link(const std::vector<RecordState>& records);

private:
    std::string m_site;
    KeyPair m_keys;
    LinkTip m_tip;
};

}  // namespace langnghe::test
