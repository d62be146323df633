#include "langnghe/storage/schema.h"

namespace langnghe {

namespace {
constexpr SchemaStep steps[] = {
    {SchemaVersion::records_and_meta, "records_and_meta", R"sql(
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- state: the full merge state (codec.h); doc: the winning values, for queries.
        CREATE TABLE records(
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            unit TEXT NOT NULL,
            seq INTEGER NOT NULL,
            doc TEXT NOT NULL,
            state TEXT NOT NULL,
            conflicts INTEGER NOT NULL DEFAULT 0);
        CREATE UNIQUE INDEX records_by_seq ON records(seq);
        CREATE INDEX records_by_type_unit ON records(type, unit);
    )sql"},
    {SchemaVersion::search_index, "search_index", R"sql(
        -- Folded text (no case, no marks, đ → d) indexed by record rowid; caught up lazily.
        CREATE VIRTUAL TABLE search_index USING fts5(folded, id UNINDEXED,
                                                    tokenize='unicode61 remove_diacritics 0');
        -- Notes and status events are read by the record they belong to.
        CREATE INDEX notes_by_target ON records(json_extract(doc, '$.target')) WHERE type = 'note';
        CREATE INDEX status_events_by_target ON records(json_extract(doc, '$.target')) WHERE type = 'status_event';
    )sql"},
    {SchemaVersion::sync_state, "sync_state", R"sql(
        -- Records the server refused (out of scope); kept here, reported, never dropped.
        CREATE TABLE refused(id TEXT PRIMARY KEY, reason TEXT NOT NULL, at_ms INTEGER NOT NULL);
    )sql"},
    {SchemaVersion::unit_tree, "unit_tree", R"sql(
        -- A scope or a roll-up walks the unit tree downwards from a code.
        CREATE INDEX units_by_parent ON records(json_extract(doc, '$.parent')) WHERE type = 'unit';
    )sql"},
    {SchemaVersion::set_aside, "set_aside", R"sql(
        -- Records set aside: refused by the station for the reason its error code names (forbidden,
        -- clock_skew, invalid_input). seq: the record's change when set aside (an edit since offers
        -- it again); retry: offered again at the next sync.
        ALTER TABLE refused ADD COLUMN code TEXT NOT NULL DEFAULT 'forbidden';
        ALTER TABLE refused ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE refused ADD COLUMN retry INTEGER NOT NULL DEFAULT 0;
    )sql"},
    {SchemaVersion::record_stamps, "record_stamps", R"sql(
        -- The latest stamp of any site and of this replica's own site, as the bits of the unsigned
        -- stamp. NULL in a row written before this step: computed from its state when read.
        ALTER TABLE records ADD COLUMN max_stamp INTEGER;
        ALTER TABLE records ADD COLUMN own_stamp INTEGER;
    )sql"},
    {SchemaVersion::revisions, "revisions", R"sql(
        CREATE INDEX revisions_by_target ON records(json_extract(doc, '$.target')) WHERE type = 'revision';
        CREATE INDEX redactions_by_target ON records(json_extract(doc, '$.target')) WHERE type = 'redaction';
    )sql"},
    {SchemaVersion::custody, "custody", R"sql(
        -- Signed links of every chain this replica holds, its own first (custody.h). Append-only:
        -- only a nonce a redaction erased (in entries) and the station's acknowledgement change.
        CREATE TABLE custody_links(
            site TEXT NOT NULL,
            n INTEGER NOT NULL,
            prev TEXT NOT NULL,
            signed_at INTEGER NOT NULL,
            first_stamp INTEGER NOT NULL,
            last_stamp INTEGER NOT NULL,
            entries TEXT NOT NULL,
            signature TEXT NOT NULL,
            hash TEXT NOT NULL,
            acknowledged INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(site, n));
        -- Covering: finding the links that may hold a stamp reads the index alone.
        CREATE INDEX custody_links_by_stamp ON custody_links(site, last_stamp, first_stamp);
        CREATE INDEX custody_links_unacknowledged ON custody_links(site, n) WHERE acknowledged = 0;
        CREATE TRIGGER custody_links_are_kept BEFORE DELETE ON custody_links
            BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
        CREATE TRIGGER custody_links_are_fixed
            BEFORE UPDATE OF site, n, prev, signed_at, first_stamp, last_stamp, signature, hash ON custody_links
            BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
        -- The public keys of other replicas (the station's registry, or pinned at first sight).
        CREATE TABLE custody_keys(site TEXT PRIMARY KEY, public_key TEXT NOT NULL, status TEXT NOT NULL);
    )sql"},
    {SchemaVersion::projections, "projections", R"sql(
        -- The fields a report or the dashboard's table filters, sorts and counts by, kept beside
        -- `records` as plain columns so a province's figures read neither a document nor its
        -- JSON (docs/design.md, "Projections"). Each column holds json_extract(doc, its path) as it
        -- is (no type affinity), so a test over it matches the one over the document. Brought up
        -- to date by the first query that reads them after a write (projections.cpp), as the
        -- search index is, so writing a record costs nothing more. No text a resident wrote or
        -- that names one is kept: has_answer says only whether an answer is there.
        CREATE TABLE feedback_fields(
            id TEXT PRIMARY KEY, unit NOT NULL, kind, category, status, received_at, channel, forum, deleted,
            has_answer) WITHOUT ROWID;
        -- Covering (the id is the key, in every index): a unit's figures are one range of it.
        CREATE INDEX feedback_fields_by_unit
            ON feedback_fields(unit, received_at, deleted, kind, category, status, channel, has_answer, forum);
        CREATE TABLE status_event_fields(id TEXT PRIMARY KEY, unit NOT NULL, target, to_status, at, stamp) WITHOUT ROWID;
        CREATE INDEX status_event_fields_by_unit ON status_event_fields(unit, to_status, stamp, target, at);
    )sql"},
    {SchemaVersion::signed_later, "signed_later", R"sql(
        -- A device's own link is stored with an empty signature and signed when it is read to leave
        -- the device (custody_log.cpp); the signature may then be stored once, never changed.
        DROP TRIGGER custody_links_are_fixed;
        CREATE TRIGGER custody_links_are_fixed
            BEFORE UPDATE OF site, n, prev, signed_at, first_stamp, last_stamp, hash ON custody_links
            BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
        CREATE TRIGGER custody_links_are_signed_once BEFORE UPDATE OF signature ON custody_links
            WHEN OLD.signature <> '' AND NEW.signature IS NOT OLD.signature
            BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
    )sql"},
    {SchemaVersion::unsealed_writes, "unsealed_writes", R"sql(
        -- No table changes: a device's own writes may now wait unsealed in meta (custody_unsealed,
        -- custody_log.cpp) and be sealed several commits to a link. The version keeps a program
        -- that would not know to seal them from opening the file.
        SELECT 1;
    )sql"},
};
}  // namespace

std::span<const SchemaStep> schema_steps() { return steps; }

}  // namespace langnghe
