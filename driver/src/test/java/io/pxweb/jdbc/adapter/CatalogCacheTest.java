package io.pxweb.jdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pxweb.jdbc.model.TableMetadata;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogCacheTest {
  private static final TableMetadata META =
      new TableMetadata("07459", "t", null, "2025-02-25T07:00:00Z", List.of(), List.of());

  @Test
  void metadataOutlivesItsTtlWhileTheUpdatedStampIsUnchanged() throws InterruptedException {
    CatalogCache cache = CatalogCache.of("test://stamps");
    cache.putMetadata("en", "07459", "2025-02-25T07:00:00Z", META);
    Thread.sleep(5);
    Duration tiny = Duration.ofMillis(1);
    assertSame(META, cache.metadata("en", "07459", "2025-02-25T07:00:00Z", tiny));
    // The table was updated since: the stale copy must not be used.
    assertNull(cache.metadata("en", "07459", "2026-01-01T07:00:00Z", tiny));
    // Within its time to live it is used whatever the stamp (a list not yet refreshed).
    assertSame(META, cache.metadata("en", "07459", "2026-01-01T07:00:00Z", Duration.ofHours(1)));
    // Another language is another entry; table ids match ignoring case.
    assertNull(cache.metadata("no", "07459", "2025-02-25T07:00:00Z", Duration.ofHours(1)));
    assertSame(META, cache.metadata("en", "07459".toLowerCase(), null, Duration.ofHours(1)));
  }

  @Test
  void zeroTtlSharesNothing() {
    CatalogCache cache = CatalogCache.of("test://zero");
    cache.putMetadata("en", "07459", "s", META);
    assertNull(cache.metadata("en", "07459", "s", Duration.ZERO));
  }
}
