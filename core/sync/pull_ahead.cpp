#include "pull_ahead.h"

namespace langnghe {

PullAhead::PullAhead(Fetch fetch, std::uint64_t cursor)
    : m_fetch(std::move(fetch)), m_worker([this, cursor] { run(cursor); }) {}

PullAhead::~PullAhead() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_worker.join();
}

PulledBatch PullAhead::next() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_ready || m_error; });
    if (!m_ready) std::rethrow_exception(m_error);
    PulledBatch batch = std::move(*m_ready);
    m_ready.reset();
    lock.unlock();
    m_changed.notify_all();
    return batch;
}

void PullAhead::recycle(PulledBatch&& batch) {
    {
        std::lock_guard lock(m_mutex);
        m_spent.push_back(std::move(batch));
    }
    m_changed.notify_all();
}

void PullAhead::free_spent() {
    std::vector<PulledBatch> spent;
    {
        std::lock_guard lock(m_mutex);
        spent.swap(m_spent);
    }
}

void PullAhead::run(std::uint64_t cursor) {
    for (;;) {
        free_spent();
        PulledBatch batch;
        try {
            batch = m_fetch(cursor);
        } catch (...) {
            std::lock_guard lock(m_mutex);
            m_error = std::current_exception();
            m_changed.notify_all();
            return;
        }
        bool last = batch.answer.status != 200 || !batch.response.more;
        cursor = batch.response.cursor;
        std::unique_lock lock(m_mutex);
        // While the slot is taken, free what the caller is done with as soon as it comes back: about
        // three batches live at once (being stored, ready, being fetched).
        for (;;) {
            if (m_stop) return;
            if (!m_ready) break;
            if (m_spent.empty()) {
                m_changed.wait(lock);
                continue;
            }
            lock.unlock();
            free_spent();
            lock.lock();
        }
        m_ready = std::move(batch);
        lock.unlock();
        m_changed.notify_all();
        if (last) return;
    }
}

}  // namespace langnghe
