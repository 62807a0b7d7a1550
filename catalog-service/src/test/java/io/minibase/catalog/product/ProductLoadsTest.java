package io.minibase.catalog.product;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProductLoadsTest {

	@Test
	void aLoadOverTheLimitIsRefusedWith503AfterTheWait() throws Exception {
		ProductLoads loads = new ProductLoads(1, Duration.ofMillis(50));
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> loads.run(() -> {
			inside.countDown();
			await(release);
			return "first";
		}));
		assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

		assertThatExceptionOfType(CatalogBusy.class).isThrownBy(() -> loads.run(() -> "second"))
			.satisfies((busy) -> assertThat(busy.getStatusCode().value()).isEqualTo(503));

		release.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
		assertThat(loads.run(() -> "third")).isEqualTo("third");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
