package io.minibase.order.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.minibase.common.web.CursorPage;
import io.minibase.order.address.ShippingAddress;
import io.minibase.order.config.SecurityConfiguration;
import io.minibase.order.payment.Refunds;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The admin's order endpoints (api.md, Fulfilment): shipping and the list. */
@WebMvcTest(AdminOrderController.class)
@Import(SecurityConfiguration.class)
class AdminOrderControllerTest {

	private static final ShippingAddress ADDRESS = new ShippingAddress("张三", "13812345678", "广东省", "深圳市", "南山区",
			"科技园路1号");

	private static final OrderView SHIPPED = new OrderView("31", "5", OrderStatus.SHIPPED,
			List.of(new OrderView.Item("7", "70", Map.of(), "Tea", 990, 2)), 1980, "", null, null, ADDRESS,
			new OrderView.Shipment("顺丰速运", "SF1234567890", Instant.parse("2026-11-23T10:00:00Z")), List.of(),
			Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-23T10:00:00Z"));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	OrderService orders;

	@MockitoBean
	OrderFulfilment fulfilment;

	@MockitoBean
	Refunds refunds;

	@MockitoBean
	JwtDecoder jwtDecoder;

	@Test
	void shippingAPaidOrderAnswersItShippedWithItsShipment() throws Exception {
		given(this.fulfilment.ship(eq("31"), eq(new ShipOrder("顺丰速运", "SF1234567890")))).willReturn(SHIPPED);

		this.mvc.perform(ship("31", "{\"carrier\":\"顺丰速运\",\"trackingNo\":\"SF1234567890\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("SHIPPED"))
			.andExpect(jsonPath("$.shipment.carrier").value("顺丰速运"))
			.andExpect(jsonPath("$.shipment.trackingNo").value("SF1234567890"))
			.andExpect(jsonPath("$.shipment.shippedAt").value("2026-11-23T10:00:00Z"))
			.andExpect(jsonPath("$.buyerId").value("5"))
			.andExpect(jsonPath("$.address.name").value("张三"))
			.andExpect(jsonPath("$.address.phone").value("13812345678"))
			.andExpect(jsonPath("$.address.district").value("南山区"))
			.andExpect(jsonPath("$.address.detail").value("科技园路1号"));
	}

	@Test
	void shippingWithoutCarrierOrWithABadTrackingNumberIs400NamingTheFields() throws Exception {
		this.mvc.perform(ship("31", "{\"carrier\":\" \",\"trackingNo\":\"SF 12/34\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("carrier", "trackingNo")));
		this.mvc
			.perform(ship("31", "{\"carrier\":\"" + "x".repeat(33) + "\",\"trackingNo\":\"" + "1".repeat(65) + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("carrier", "trackingNo")));
		this.mvc.perform(ship("31", "{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("carrier", "trackingNo")));
		verify(this.fulfilment, never()).ship(any(), any());
	}

	@Test
	void shippingAnOrderThatIsNotPaidIs409AndAnUnknownOne404() throws Exception {
		given(this.fulfilment.ship(eq("32"), any()))
			.willThrow(new OrderStateConflict("Only a paid order can be shipped.", OrderStatus.AWAITING_PAYMENT));
		given(this.fulfilment.ship(eq("33"), any())).willThrow(new OrderNotFound());

		this.mvc.perform(ship("32", "{\"carrier\":\"SF\",\"trackingNo\":\"SF1\"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.orderStatus").value("AWAITING_PAYMENT"));
		this.mvc.perform(ship("33", "{\"carrier\":\"SF\",\"trackingNo\":\"SF1\"}")).andExpect(status().isNotFound());
	}

	@Test
	void onlyAnAdminShipsOrLists() throws Exception {
		this.mvc
			.perform(post("/api/admin/orders/31/ship").with(jwt().jwt((token) -> token.subject("5")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"carrier\":\"SF\",\"trackingNo\":\"SF1\"}"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/admin/orders")).andExpect(status().isUnauthorized());
		verify(this.fulfilment, never()).ship(any(), any());
	}

	@Test
	void theListFiltersByStatusAndQueryAndPagesByCursor() throws Exception {
		given(this.orders.search(OrderStatus.SHIPPED, "5", 2, "abc"))
			.willReturn(new CursorPage<>(List.of(SHIPPED), "next"));

		this.mvc.perform(get("/api/admin/orders?status=SHIPPED&q=5&size=2&cursor=abc").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value("31"))
			.andExpect(jsonPath("$.items[0].buyerId").value("5"))
			.andExpect(jsonPath("$.nextCursor").value("next"));
	}

	@Test
	void theListIsAtMost100APageAndKnowsItsStatuses() throws Exception {
		given(this.orders.search(isNull(), isNull(), anyInt(), isNull())).willReturn(new CursorPage<>(List.of(), null));
		this.mvc.perform(get("/api/admin/orders").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.nextCursor").isEmpty());
		verify(this.orders).search(null, null, 20, null);
		this.mvc.perform(get("/api/admin/orders?size=101").with(admin())).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/admin/orders?size=0").with(admin())).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/admin/orders?status=LOST").with(admin())).andExpect(status().isBadRequest());
	}

	private static RequestPostProcessor admin() {
		return jwt().jwt((token) -> token.subject("1")).authorities(new SimpleGrantedAuthority("ROLE_ADMIN"));
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder ship(String id,
			String body) {
		return post("/api/admin/orders/" + id + "/ship").with(admin())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

}
