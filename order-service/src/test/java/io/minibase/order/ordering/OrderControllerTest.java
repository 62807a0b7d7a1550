package io.minibase.order.ordering;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.minibase.order.config.SecurityConfiguration;
import io.minibase.order.payment.PaymentUnavailable;
import io.minibase.order.payment.Payments;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(OrderController.class)
@Import(SecurityConfiguration.class)
class OrderControllerTest {

	private static final String VALID = "{\"items\":[{\"productId\":\"7\",\"quantity\":2}],\"remark\":\"加辣 🌶\"}";

	private static final OrderView PENDING = new OrderView("31", "42", OrderStatus.PENDING,
			List.of(new OrderView.Item("7", null, null, "", 0, 2)), 0, "加辣 🌶", null,
			Instant.parse("2026-11-22T10:15:00Z"), null, null, List.of(), Instant.parse("2026-11-22T10:00:00Z"),
			Instant.parse("2026-11-22T10:00:00Z"));

	private static final OrderView AWAITING = new OrderView("31", "42", OrderStatus.AWAITING_PAYMENT,
			List.of(new OrderView.Item("7", "70", Map.of(), "Tea", 990, 2)), 1980, "加辣 🌶", null,
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

	/**
	 * Performs the request, and its async dispatch when the controller answered with a
	 * future (placing and reading do, for Prefer: wait).
	 */
	private ResultActions perform(RequestBuilder request) throws Exception {
		ResultActions actions = this.mvc.perform(request);
		MvcResult result = actions.andReturn();
		return result.getRequest().isAsyncStarted() ? this.mvc.perform(asyncDispatch(result)) : actions;
	}

	@Test
	void placingAnswers201WithTheOrderAndItsLocation() throws Exception {
		given(this.orders.place(eq(5L), eq("key-12345678"), any())).willReturn(new OrderService.Placed(PENDING, false));
		perform(place(VALID).header("Idempotency-Key", "key-12345678")).andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/orders/31"))
			.andExpect(header().string("Idempotent-Replayed", "false"))
			.andExpect(jsonPath("$.id").value("31"))
			.andExpect(jsonPath("$.status").value("PENDING"))
			.andExpect(jsonPath("$.items[0].productId").value("7"))
			.andExpect(jsonPath("$.items[0].quantity").value(2))
			.andExpect(jsonPath("$.totalFen").value(0))
			.andExpect(jsonPath("$.remark").value("加辣 🌶"))
			.andExpect(jsonPath("$.createdAt").value("2026-11-22T10:00:00Z"));
	}

	/**
	 * Fields a client may not set (whose order it is, its status, its prices) are not
	 * part of the request: sent anyway, they change nothing (OWASP API3).
	 */
	@Test
	void fieldsTheClientMayNotSetAreIgnored() throws Exception {
		given(this.orders.place(eq(5L), anyString(), any())).willReturn(new OrderService.Placed(PENDING, false));
		perform(place(VALID).header("Idempotency-Key", "key-plain-1")).andExpect(status().isCreated());
		perform(place("{\"id\":\"99\",\"userId\":\"999\",\"status\":\"PAID\",\"totalFen\":1,"
				+ "\"items\":[{\"productId\":\"7\",\"quantity\":2,\"priceFen\":1,\"name\":\"free\"}],"
				+ "\"remark\":\"加辣 🌶\"}")
			.header("Idempotency-Key", "key-forged-1")).andExpect(status().isCreated());

		ArgumentCaptor<PlaceOrder> requests = ArgumentCaptor.forClass(PlaceOrder.class);
		verify(this.orders, times(2)).place(eq(5L), anyString(), requests.capture());
		assertThat(requests.getAllValues().get(1)).isEqualTo(requests.getAllValues().get(0));
	}

	@Test
	void placingWithoutAValidIdempotencyKeyIs400() throws Exception {
		perform(place(VALID)).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Idempotency-Key")));
		perform(place(VALID).header("Idempotency-Key", "short")).andExpect(status().isBadRequest());
		perform(place(VALID).header("Idempotency-Key", "x".repeat(65))).andExpect(status().isBadRequest());
		perform(place(VALID).header("Idempotency-Key", "with spaces in it")).andExpect(status().isBadRequest());
		verify(this.orders, never()).place(anyLong(), anyString(), any());
	}

	@Test
	void anInvalidOrderIs400WithTheFieldsAtFault() throws Exception {
		perform(place("{\"items\":[]}").header("Idempotency-Key", "key-12345678")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("items"));
		this.mvc
			.perform(place("{\"items\":[{\"productId\":\"7\",\"quantity\":0}]}").header("Idempotency-Key",
					"key-12345678"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("items[0].quantity"));
		this.mvc
			.perform(place("{\"items\":[{\"productId\":\"7\",\"quantity\":1000}]}").header("Idempotency-Key",
					"key-12345678"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(place("{\"items\":[{\"productId\":\"../7\",\"quantity\":1}]}").header("Idempotency-Key",
					"key-12345678"))
			.andExpect(status().isBadRequest());
		perform(place("{\"items\":[{\"productId\":\"7\"}]}").header("Idempotency-Key", "key-12345678"))
			.andExpect(status().isBadRequest());
		perform(place("{\"items\":[{\"productId\":\"7\",\"quantity\":1}],\"addressId\":\"../1\"}")
			.header("Idempotency-Key", "key-12345678")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("addressId"));
		perform(place("not json").header("Idempotency-Key", "key-12345678")).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verify(this.orders, never()).place(anyLong(), anyString(), any());
	}

	@Test
	void placingWithPreferWaitAnswersTheOrderOnceItChangedReadingItOnce() throws Exception {
		CompletableFuture<Void> changed = new CompletableFuture<>();
		given(this.orders.placeToWait(eq(5L), eq("key-12345678"), any(), eq(Duration.ofSeconds(3))))
			.willReturn(new OrderService.PlacedToWait("31", false, changed));
		given(this.orders.find(5L, "31")).willReturn(AWAITING);
		given(this.changes.next(eq("31"), any())).willReturn(new CompletableFuture<>());
		MvcResult started = this.mvc
			.perform(place(VALID).header("Idempotency-Key", "key-12345678").header("Prefer", "wait=3"))
			.andReturn();
		// nothing is read while the order cannot have changed yet
		verify(this.orders, never()).find(anyLong(), anyString());

		changed.complete(null);

		this.mvc.perform(asyncDispatch(started))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/orders/31"))
			.andExpect(header().string("Preference-Applied", "wait=3"))
			.andExpect(jsonPath("$.status").value("AWAITING_PAYMENT"));
		verify(this.orders, times(1)).find(5L, "31");
	}

	@Test
	void aReplayWithPreferWaitAnswersTheEarlierOrderAsItIsNow() throws Exception {
		given(this.orders.placeToWait(eq(5L), eq("key-12345678"), any(), any()))
			.willReturn(new OrderService.PlacedToWait("31", true, null));
		given(this.orders.find(5L, "31")).willReturn(AWAITING);
		given(this.changes.next(eq("31"), any())).willReturn(new CompletableFuture<>());

		perform(place(VALID).header("Idempotency-Key", "key-12345678").header("Prefer", "wait=3"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Idempotent-Replayed", "true"))
			.andExpect(jsonPath("$.status").value("AWAITING_PAYMENT"));
	}

	@Test
	void payingWhileWeChatPayIsDownIs503ProblemWithRetryAfter() throws Exception {
		given(this.payments.pay(5L, "31"))
			.willThrow(new PaymentUnavailable(new java.net.ConnectException("Connection refused")));

		perform(post("/api/orders/31/pay").with(user(5))).andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(503))
			.andExpect(jsonPath("$.detail").value("WeChat Pay cannot be reached right now; try paying again shortly."))
			.andExpect(jsonPath("$.instance").value("/api/orders/31/pay"));
	}

	@Test
	void confirmingReceiptAnswersTheCompletedOrderOr409() throws Exception {
		OrderView completed = new OrderView("31", "5", OrderStatus.COMPLETED, AWAITING.items(), 1980, "", null, null,
				null, new OrderView.Shipment("SF", "SF1234", Instant.parse("2026-11-23T10:00:00Z")), List.of(),
				AWAITING.createdAt(), Instant.parse("2026-11-24T10:00:00Z"));
		given(this.fulfilment.confirmReceipt(5L, "31")).willReturn(completed);
		given(this.fulfilment.confirmReceipt(5L, "32"))
			.willThrow(new OrderStateConflict("Only a shipped order can be confirmed as received.", OrderStatus.PAID));
		given(this.fulfilment.confirmReceipt(5L, "33")).willThrow(new OrderNotFound());

		perform(post("/api/orders/31/confirm-receipt").with(user(5))).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("COMPLETED"))
			.andExpect(jsonPath("$.shipment.carrier").value("SF"))
			.andExpect(jsonPath("$.shipment.trackingNo").value("SF1234"))
			.andExpect(jsonPath("$.shipment.shippedAt").value("2026-11-23T10:00:00Z"));
		perform(post("/api/orders/32/confirm-receipt").with(user(5))).andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.orderStatus").value("PAID"));
		perform(post("/api/orders/33/confirm-receipt").with(user(5))).andExpect(status().isNotFound());
		perform(post("/api/orders/31/confirm-receipt")).andExpect(status().isUnauthorized());
	}

	@Test
	void ordersNeedAToken() throws Exception {
		perform(get("/api/orders")).andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aTokenWhoseSubjectIsNoUserIsRefused() throws Exception {
		perform(get("/api/orders").with(jwt().jwt((token) -> token.subject("reporting-job"))))
			.andExpect(status().isForbidden());
	}

	@Test
	void theListIsLimitedTo100PerPage() throws Exception {
		perform(get("/api/orders?size=101").with(user(5))).andExpect(status().isBadRequest());
		perform(get("/api/orders?size=0").with(user(5))).andExpect(status().isBadRequest());
	}

	private MockHttpServletRequestBuilder place(String body) {
		return post("/api/orders").with(user(5)).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor user(long id) {
		return jwt().jwt((token) -> token.subject(String.valueOf(id)));
	}

}
