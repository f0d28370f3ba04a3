package kz.clinicai.console.assistants;

import java.util.List;

/** One page of a searched list (1-based page numbers). */
public record Page<T>(List<T> items, int page, int size, int total, String query) {

    public static <T> Page<T> of(List<T> all, int page, int size, String query) {
        int pages = Math.max(1, (all.size() + size - 1) / size);
        int p = Math.min(Math.max(page, 1), pages);
        int from = (p - 1) * size;
        return new Page<>(all.subList(from, Math.min(all.size(), from + size)), p, size, all.size(), query);
    }

    public int pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }
}
