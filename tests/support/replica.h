#pragma once
// One device's store in a temporary directory, with a unit tree imported and an officer acting on
// it (its unit head for what only a head may do): what the domain tests start from.
#include <memory>
#include <string>

#include "langnghe/model/records.h"
#include "langnghe/model/units.h"
#include "langnghe/storage/store.h"
#include "support/temp_dir.h"

namespace langnghe::test {

inline constexpr const char* two_cities_units =
    "code,name,kind,parent_code\n01,Thành phố Hà Nội,city,\n00004,Phường Ba Đình,ward,01\n"
    "00008,Phường Ngọc Hà,ward,01\n79,Thành phố Hồ Chí Minh,city,\n";

struct Replica {
    TempDir dir;
    std::unique_ptr<Store> store;
    Actor actor{"Thượng úy Nguyễn Văn An"};
    Actor head{"Thiếu tá Lê Văn Cường", "unit_head"};  // deletes, restores, voids ballots, manages actions

    explicit Replica(const std::string& units_csv = two_cities_units) : store(Store::open(dir.file("device.db"))) {
        import_units(*store, actor, units_csv);
        store->seal_unsealed_custody();  // the units are link 1 of the chain, as tests of links count from it
    }
};

}  // namespace langnghe::test
