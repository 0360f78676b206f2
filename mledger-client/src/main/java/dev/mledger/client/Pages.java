package dev.mledger.client;

import dev.mledger.core.tracking.Page;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Turns a page-token API into a lazy stream over every item. */
final class Pages {
  private Pages() {}

  /**
   * @param fetch the page for a token (null for the first page)
   */
  static <T> Stream<T> stream(Function<String, Page<T>> fetch) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            new PageIterator<>(fetch), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private static final class PageIterator<T> implements Iterator<T> {
    private final Function<String, Page<T>> fetch;
    private final Set<String> seenTokens = new HashSet<>();
    private Iterator<T> current;
    private String nextToken;
    private boolean lastPageFetched;

    PageIterator(Function<String, Page<T>> fetch) {
      this.fetch = fetch;
    }

    @Override
    public boolean hasNext() {
      while (current == null || !current.hasNext()) {
        if (lastPageFetched) {
          return false;
        }
        Page<T> page = fetch.apply(nextToken);
        current = page.items().iterator();
        nextToken = page.nextPageToken();
        // A server that hands back a token it already gave would make us loop forever.
        lastPageFetched = nextToken == null || !seenTokens.add(nextToken);
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}
