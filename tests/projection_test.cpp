// The projections (schema step "projections"): the report's fields of every feedback and status
// event, kept as plain columns beside `records` and brought up to date by the first query that reads
// them after a write, equal json_extract over the documents after every kind of write, whoever
// wrote; a database made before them is filled at its first report; and a query over them answers
// what the documents would, in the same order, falling back to the documents when they cannot be
// written.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <algorithm>

#include "langnghe/model/feedback.h"
#include "langnghe/model/redaction.h"
#include "langnghe/storage/projections.h"
#include "langnghe/storage/queries.h"
#include "langnghe/storage/schema.h"
#include "support/replica.h"

using namespace langnghe;

namespace {
using Rows = std::vector<std::vector<std::string>>;

// Every row of `sql`, each value quoted as SQL writes it (so 1 and '1' and NULL differ).
Rows quoted_rows(const std::string& path, int width, const std::string& sql) {
    sql::Database db(path, false);
    auto st = db.prepare(sql);
    Rows rows;
    while (st.step()) {
        std::vector<std::string> row;
        for (int c = 0; c < width; ++c) row.push_back(st.column_text(c));
        rows.push_back(std::move(row));
    }
    return rows;
}

Rows feedback_from_documents(const std::string& path) {
    return quoted_rows(path, 10, R"sql(
        SELECT quote(id), quote(unit), quote(json_extract(doc, '$.kind')), quote(json_extract(doc, '$.category')),
               quote(json_extract(doc, '$.status')), quote(json_extract(doc, '$.received_at')),
               quote(json_extract(doc, '$.channel')), quote(json_extract(doc, '$.forum')),
               quote(json_extract(doc, '$.deleted')), quote(coalesce(json_extract(doc, '$.answer'), '') <> '')
        FROM records WHERE type = 'feedback' ORDER BY id)sql");
}

Rows feedback_projected(const std::string& path) {
    return quoted_rows(path, 10, R"sql(
        SELECT quote(id), quote(unit), quote(kind), quote(category), quote(status), quote(received_at), quote(channel),
               quote(forum), quote(deleted), quote(has_answer)
        FROM feedback_fields ORDER BY id)sql");
}

Rows events_from_documents(const std::string& path) {
    return quoted_rows(path, 6, R"sql(
        SELECT quote(id), quote(unit), quote(json_extract(doc, '$.target')), quote(json_extract(doc, '$.to')),
               quote(json_extract(doc, '$.at')), quote(json_extract(doc, '$.stamp'))
        FROM records WHERE type = 'status_event' ORDER BY id)sql");
}

Rows events_projected(const std::string& path) {
    return quoted_rows(path, 6, "SELECT quote(id), quote(unit), quote(target), quote(to_status), quote(at), quote(stamp) "
                             "FROM status_event_fields ORDER BY id");
}

void check_projection_exact(Store& store) {
    REQUIRE(refresh_projections(store));
    CHECK(feedback_projected(store.path()) == feedback_from_documents(store.path()));
    CHECK(events_projected(store.path()) == events_from_documents(store.path()));
}

void exchange(Store& from, Store& to) { to.apply(from.export_since(0, static_cast<std::size_t>(-1)).records); }

std::string add(test::Replica& r, const std::string& unit, const std::string& category, const std::string& received_at) {
    return add_feedback(*r.store, r.actor,
                        {.unit = unit, .channel = "forum", .kind = "request", .category = category,
                         .text = "Đèn đường hỏng", .resident_name = "Ông Phạm Văn Tư", .resident_phone = "0911 222 333",
                         .received_at = received_at});
}

// A test of a field no projection keeps and no feedback holds: the same records, read from the documents.
RecordFilter from_documents(RecordFilter filter) {
    filter.not_true.push_back("$.not_projected");
    return filter;
}
}  // namespace

TEST_CASE("the projections equal the documents after every kind of write", "[storage][projection]") {
    test::Replica head, officer;
    std::string first = add(head, "00004", "traffic", "2025-07-01");
    std::string second = add(head, "00008", "theft", "2025-08-15");
    std::string third = add(head, "00004", "environment", "2025-09-30");
    check_projection_exact(*head.store);
    REQUIRE(feedback_projected(head.store->path()).size() == 3);

    // Status changes, an answer and an edit of a projected field.
    acknowledge_feedback(*head.store, head.head, first);
    answer_feedback(*head.store, head.head, first, "Đã báo điện lực thay đèn");
    update_feedback(*head.store, head.actor, second, {.category = "traffic", .received_at = "2025-08-16"});
    resolve_feedback(*head.store, head.head, first, "Đã thay");
    check_projection_exact(*head.store);
    REQUIRE(events_projected(head.store->path()).size() >= 3);

    // Concurrent edits merged both ways, the apply path.
    exchange(*head.store, *officer.store);
    check_projection_exact(*officer.store);
    update_feedback(*officer.store, officer.actor, third, {.category = "theft"});
    update_feedback(*head.store, head.actor, third, {.channel = "patrol", .category = "traffic"});
    acknowledge_feedback(*officer.store, officer.head, second);
    exchange(*officer.store, *head.store);
    exchange(*head.store, *officer.store);
    REQUIRE(head.store->canonical_dump() == officer.store->canonical_dump());
    check_projection_exact(*head.store);
    check_projection_exact(*officer.store);

    // Deleted, restored; personal data redacted.
    delete_record(*head.store, head.head, second, "Trùng với ý kiến khác");
    check_projection_exact(*head.store);
    restore_record(*head.store, head.head, second, "Không trùng");
    delete_record(*head.store, head.head, third, "Nhập nhầm");
    redact_feedback(*head.store, head.head, first, "resident_phone", "Người dân đề nghị");
    redact_feedback(*head.store, head.head, first, "text", "Người dân đề nghị");
    check_projection_exact(*head.store);
    exchange(*head.store, *officer.store);
    check_projection_exact(*officer.store);

    // A purge, as a sync does for records that left the device's scope.
    {
        Store::Scope scope(*officer.store);
        officer.store->forget(first);
        officer.store->forget(third);
        scope.commit();
    }
    check_projection_exact(*officer.store);
    CHECK(feedback_projected(officer.store->path()).size() == 1);
}

TEST_CASE("a database made before the projections has them filled by its first report", "[storage][projection]") {
    test::TempDir dir;
    std::string path = dir.file("old.db");
    {
        StoreOptions before;
        before.migrate_to = SchemaVersion::custody;
        Actor officer{"Thượng úy Nguyễn Văn An"}, head{"Thiếu tá Lê Văn Cường", "unit_head"};
        auto store = Store::open(path, before);
        import_units(*store, officer, test::two_cities_units);
        std::string id = add_feedback(*store, officer, {.unit = "00004", .kind = "request", .category = "traffic",
                                                          .text = "Xe tải chạy đêm", .received_at = "2025-10-02"});
        add_feedback(*store, officer, {.unit = "00008", .kind = "criticism", .category = "theft",
                                         .text = "Trộm xe máy", .received_at = "2025-11-20"});
        answer_feedback(*store, head, id, "Đã tăng cường tuần tra");
        REQUIRE(store->schema_version() == static_cast<int>(SchemaVersion::custody));
        // What the figures say at the old schema, read from the documents.
        FeedbackFilter all;
        all.unit = "01";
        REQUIRE(list_feedback_figures(*store, all).size() == 2);
    }
    auto store = Store::open_existing(path);
    CHECK(store->schema_version() == static_cast<int>(SchemaVersion::current));
    CHECK(feedback_projected(path).empty());  // opening costs nothing; the first report fills them
    FeedbackFilter all;
    all.unit = "01";
    auto figures = list_feedback_figures(*store, all);
    CHECK(feedback_projected(path).size() == 2);
    CHECK(events_projected(path).size() == 1);
    check_projection_exact(*store);
    REQUIRE(figures.size() == 2);
    CHECK(figures[0].answered);
    CHECK(first_answered_at(*store, "01").count(figures[0].id) == 1);
}

TEST_CASE("a query over the projection answers what the documents do, in the same order", "[storage][projection]") {
    test::Replica r;
    std::vector<std::string> ids;
    const char* categories[] = {"traffic", "theft", "environment"};
    for (int i = 0; i < 12; ++i)
        // Two of each date, so the order falls back to the id.
        ids.push_back(add(r, i % 3 == 0 ? "00008" : "00004", categories[i % 3], "2025-0" + std::to_string(7 + i / 4) + "-1" +
                                                                                     std::to_string(i % 2)));
    answer_feedback(*r.store, r.head, ids[1], "Đã trả lời");
    acknowledge_feedback(*r.store, r.head, ids[2]);
    delete_record(*r.store, r.head, ids[3], "Nhập nhầm");

    RecordFilter ward;
    ward.type = "feedback";
    ward.units = std::vector<std::string>{"00004"};
    RecordFilter dated = ward;
    dated.units.reset();
    dated.tests.push_back({"$.received_at", FieldTest::Op::at_least, {"2025-08-10"}, 10});
    dated.tests.push_back({"$.status", FieldTest::Op::one_of, {"new", "acknowledged"}, 0});
    dated.not_true.push_back("$.deleted");
    dated.order_path = "$.received_at";
    RecordFilter limited = dated;
    limited.limit = 3;
    RecordFilter by_category = ward;
    by_category.tests.push_back({"$.category", FieldTest::Op::equals, {"theft"}, 0});
    by_category.order_path = "$.received_at";
    std::vector<FieldRead> reads{"$.kind", "$.status", "$.received_at", FieldRead::presence_of("$.answer"), "$.deleted"};

    for (const RecordFilter* filter : {&ward, &dated, &limited, &by_category}) {
        auto projected = find_record_fields(*r.store, *filter, reads);
        CHECK_FALSE(projected.empty());
        CHECK(projected == find_record_fields(*r.store, from_documents(*filter), reads));
        auto records = find_records(*r.store, *filter);
        auto documents = find_records(*r.store, from_documents(*filter));
        REQUIRE(records.size() == documents.size());
        for (std::size_t i = 0; i < records.size(); ++i) {
            CHECK(records[i].id == documents[i].id);
            CHECK(records[i].doc == documents[i].doc);
        }
    }
    auto answered = find_record_fields(*r.store, ward, {FieldRead::presence_of("$.answer")});
    auto row = std::find_if(answered.begin(), answered.end(), [&](const auto& x) { return x[0] == ids[1]; });
    REQUIRE(row != answered.end());
    CHECK((*row)[2] == "1");

    // Read from the projection indeed: a value changed there behind the store's back shows.
    sql::Database(r.store->path(), false).exec("UPDATE feedback_fields SET status = 'resolved'");
    for (const auto& figures : find_record_fields(*r.store, ward, {"$.status"})) CHECK(figures[2] == "resolved");
    for (const auto& figures : find_record_fields(*r.store, from_documents(ward), {"$.status"}))
        CHECK(figures[2] != "resolved");
}

TEST_CASE("a write is in the projections at the next read, whichever connection made it", "[storage][projection]") {
    test::Replica r;
    std::string first = add(r, "00004", "traffic", "2025-07-01");
    RecordFilter ward;
    ward.type = "feedback";
    ward.units = std::vector<std::string>{"00004"};
    REQUIRE(find_record_fields(*r.store, ward, {"$.category"}).size() == 1);

    // Another connection to the same file (an admin command beside the running server) writes.
    {
        auto other = Store::open_existing(r.store->path());
        update_feedback(*other, r.actor, first, {.category = "theft"});
        add(r, "00004", "environment", "2025-07-02");
    }
    auto other_writer = Store::open_existing(r.store->path());
    update_feedback(*other_writer, r.actor, first, {.channel = "patrol"});
    // Written with the record: nothing yet; the projections follow at the next read.
    CHECK(feedback_projected(r.store->path()).size() == 1);
    std::string third = add_feedback(*other_writer, r.actor,
                                     {.unit = "00004", .channel = "forum", .kind = "request", .category = "theft",
                                      .text = "Mất trộm xe đạp", .received_at = "2025-07-03"});
    CHECK(feedback_projected(r.store->path()).size() == 1);

    auto rows = find_record_fields(*r.store, ward, {"$.category", "$.channel"});
    REQUIRE(rows.size() == 3);
    CHECK(rows == find_record_fields(*r.store, from_documents(ward), {"$.category", "$.channel"}));
    auto row_of = [&](const std::string& id) { return *std::find_if(rows.begin(), rows.end(), [&](const auto& x) { return x[0] == id; }); };
    CHECK(row_of(first)[2] == "theft");
    CHECK(row_of(first)[3] == "patrol");
    CHECK(row_of(third)[2] == "theft");
    check_projection_exact(*r.store);
}

TEST_CASE("when the projections cannot be written a query reads the documents and nothing is written",
          "[storage][projection]") {
    test::TempDir dir;
    bool commits = true;
    StoreOptions options;
    options.commit_allowed = [&] { return commits; };
    auto store = Store::open(dir.file("refusing.db"), options);
    Actor officer{"Thượng úy Nguyễn Văn An"};
    import_units(*store, officer, test::two_cities_units);
    std::string id = add_feedback(*store, officer, {.unit = "00004", .kind = "request", .category = "traffic",
                                                      .text = "Xe tải chạy đêm", .received_at = "2025-10-02"});
    RecordFilter ward;
    ward.type = "feedback";
    ward.units = std::vector<std::string>{"00004"};
    REQUIRE(find_record_fields(*store, ward, {"$.category"}).size() == 1);

    update_feedback(*store, officer, id, {.category = "theft"});
    commits = false;  // as a full disk would
    CHECK_FALSE(refresh_projections(*store));
    auto rows = find_record_fields(*store, ward, {"$.category"});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][2] == "theft");
    CHECK(feedback_projected(store->path())[0][3] == "'traffic'");  // not brought up to date

    commits = true;
    CHECK(find_record_fields(*store, ward, {"$.category"})[0][2] == "theft");
    check_projection_exact(*store);
}
