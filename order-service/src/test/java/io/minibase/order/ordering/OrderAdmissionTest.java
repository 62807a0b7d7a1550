package io.minibase.order.ordering;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.minibase.order.config.SecurityConfiguration;
import io.minibase.order.payment.Payments;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The bound on requests worked on at once (common-web's RequestAdmission, as
 * order-service configures it), here at one request with a short wait.
 */
@WebMvcTest(value = OrderController.class,
		properties = { "minibase.admission.max-concurrent-requests=1", "minibase.admission.max-wait=100ms" })
@Import({ SecurityConfiguration.class, OrderAdmissionTest.Notifies.class })
class OrderAdmissionTest {

	private static final OrderView AWAITING = new OrderView("31", "5", OrderStatus.AWAITING_PAYMENT,
			List.of(new OrderView.Item("7", "70", java.util.Map.of(), "Tea", 990, 2)), 1980, null, null,
			Instant.parse("2026-11-22T10:15:00Z"), null, null, List.of(), Instant.parse("2026-11-22T10:00:00Z"),
			Instant.parse("2026-11-22T10:00:01Z"));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	OrderService orders;

	@MockitoBean
	Payments payments;

	@MockitoBean
	JwtDecoder jwtDecoder;

	@MockitoBean
	OrderChanges changes;

	@MockitoBean
	OrderFulfilment fulfilment;

	@Test
	void whileTheBoundIsTakenTheNextRequestIs503ProblemWithRetryAfterAndTheOneAfterItIsServed() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Integer> slow = holdingThePermitUntil(release);

		this.mvc.perform(get("/api/orders/32").with(user(6)))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(jsonPath("$.title").value("Service Busy"))
			.andExpect(jsonPath("$.instance").value("/api/orders/32"))
			.andExpect(jsonPath("$.traceId").exists());

		release.countDown();
		assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(200);
		given(this.orders.find(6L, "32")).willReturn(AWAITING);
		this.mvc.perform(get("/api/orders/32").with(user(6))).andExpect(status().isOk());
	}

	@Test
	void aRequestWaitingForItsOrderHoldsNoPermitAndItsLaterReadTakesOne() throws Exception {
		CompletableFuture<Void> changed = new CompletableFuture<>();
		given(this.changes.next(eq("31"), any())).willReturn(changed, new CompletableFuture<>());
		given(this.orders.find(5L, "31")).willReturn(pending(), AWAITING);
		MvcResult waiting = this.mvc.perform(get("/api/orders/31").with(user(5)).header("Prefer", "wait=5"))
			.andReturn();
		assertThat(waiting.getRequest().isAsyncStarted()).isTrue();

		// the one permit is free while the first request waits
		given(this.orders.find(6L, "32")).willReturn(AWAITING);
		this.mvc.perform(get("/api/orders/32").with(user(6))).andExpect(status().isOk());

		changed.complete(null);
		this.mvc.perform(asyncDispatch(waiting))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("AWAITING_PAYMENT"));
		this.mvc.perform(get("/api/orders/32").with(user(6))).andExpect(status().isOk());
	}

	@Test
	void weChatPaysNotifiesAreNotHeldBack() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Integer> slow = holdingThePermitUntil(release);
		try {
			this.mvc.perform(post("/api/payments/wechat/notify").contentType(MediaType.APPLICATION_JSON).content("{}"))
				.andExpect(status().isNoContent());
		}
		finally {
			release.countDown();
		}
		assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(200);
	}

	/**
	 * A read of order 31 that takes the one permit and keeps it until {@code release}.
	 * @return its status, once released
	 */
	private CompletableFuture<Integer> holdingThePermitUntil(CountDownLatch release) throws InterruptedException {
		CountDownLatch reading = new CountDownLatch(1);
		given(this.orders.find(5L, "31")).willAnswer((invocation) -> {
			reading.countDown();
			release.await(10, TimeUnit.SECONDS);
			return AWAITING;
		});
		CompletableFuture<Integer> slow = CompletableFuture
			.supplyAsync(() -> statusOf(get("/api/orders/31").with(user(5))));
		assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
		return slow;
	}

	/** Stands in for WeChatPayNotifyController at its path. */
	@RestController
	static class Notifies {

		@PostMapping("/api/payments/wechat/notify")
		ResponseEntity<Void> notified() {
			return ResponseEntity.noContent().build();
		}

	}

	private OrderView pending() {
		return new OrderView("31", "5", OrderStatus.PENDING, AWAITING.items(), 0, null, null, AWAITING.expiresAt(),
				null, null, List.of(), AWAITING.createdAt(), AWAITING.createdAt());
	}

	private int statusOf(org.springframework.test.web.servlet.RequestBuilder request) {
		try {
			return this.mvc.perform(request).andReturn().getResponse().getStatus();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RequestPostProcessor user(long id) {
		return jwt().jwt((token) -> token.subject(String.valueOf(id)));
	}

}
