package io.minibase.order.aftersale;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import io.minibase.common.web.CursorPage;
import io.minibase.common.wechat.ContentRejected;
import io.minibase.order.config.SecurityConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.ErrorResponseException;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The after-sale endpoints (api.md, Fulfilment), the buyer's and the admin's: the shapes,
 * every invalid field 400 naming it, 401/403, and the service's refusals as problems.
 */
@WebMvcTest({ AfterSaleController.class, AdminAfterSaleController.class })
@Import(SecurityConfiguration.class)
class AfterSaleControllerTest {

	private static final String PHOTO = "Qm9yaW5nLWJ1dC1yYW5kb2";

	/** The buyer's access token, which the service passes on to file-service. */
	private static final String TOKEN = "buyers-access-token";

	private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");

	private static final AfterSaleView REQUESTED = new AfterSaleView("3", "31", "42", AfterSaleStatus.REQUESTED,
			"尺码不合适", 990, List.of(PHOTO), null, null, AT, AT);

	private static final AfterSaleView APPROVED = new AfterSaleView("3", "31", "42", AfterSaleStatus.APPROVED, "尺码不合适",
			990, List.of(PHOTO), null, "RF000000000000000007", AT, AT);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AfterSales afterSales;

	@MockitoBean
	JwtDecoder jwtDecoder;

	@Test
	void aBuyersRequestIs201RequestedWithTheContractsFields() throws Exception {
		given(this.afterSales.request(eq(42L), eq(TOKEN), eq("31"),
				eq(new RequestAfterSale("尺码不合适", 990L, List.of(PHOTO)))))
			.willReturn(REQUESTED);

		this.mvc.perform(request("31", "{\"reason\":\"尺码不合适\",\"amountFen\":990,\"imageFileIds\":[\"" + PHOTO + "\"]}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/orders/31/after-sales/3"))
			.andExpect(jsonPath("$.id").value("3"))
			.andExpect(jsonPath("$.orderId").value("31"))
			.andExpect(jsonPath("$.status").value("REQUESTED"))
			.andExpect(jsonPath("$.reason").value("尺码不合适"))
			.andExpect(jsonPath("$.amountFen").value(990))
			.andExpect(jsonPath("$.imageFileIds[0]").value(PHOTO));
	}

	@Test
	void withoutAnAmountOrPhotosTheRequestGoesToTheServiceAsSuch() throws Exception {
		given(this.afterSales.request(eq(42L), eq(TOKEN), eq("31"), eq(new RequestAfterSale("坏了", null, null))))
			.willReturn(REQUESTED);

		this.mvc.perform(request("31", "{\"reason\":\"坏了\"}")).andExpect(status().isCreated());
	}

	@Test
	void everyInvalidFieldIs400NamingIt() throws Exception {
		String tooMany = String.join(",", Collections.nCopies(10, "\"" + PHOTO + "\""));
		List<String[]> cases = List.of(new String[] { "{}", "reason" },
				new String[] { "{\"reason\":\"   \"}", "reason" },
				new String[] { "{\"reason\":\"" + "长".repeat(201) + "\"}", "reason" },
				new String[] { "{\"reason\":\"坏了\",\"amountFen\":0}", "amountFen" },
				new String[] { "{\"reason\":\"坏了\",\"amountFen\":-1}", "amountFen" },
				new String[] { "{\"reason\":\"坏了\",\"imageFileIds\":[" + tooMany + "]}", "imageFileIds" },
				new String[] { "{\"reason\":\"坏了\",\"imageFileIds\":[\"../../etc/passwd\"]}", "imageFileIds[0]" },
				new String[] { "{\"reason\":\"坏了\",\"imageFileIds\":[\"12345\"]}", "imageFileIds[0]" },
				new String[] { "{\"reason\":\"坏了\",\"imageFileIds\":[null]}", "imageFileIds[0]" });
		for (String[] invalid : cases) {
			this.mvc.perform(request("31", invalid[0]))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder(invalid[1])));
		}
		verifyNoInteractions(this.afterSales);
	}

	@Test
	void unreadableBodiesAre400NotA500() throws Exception {
		for (String body : List.of("{\"reason\":\"坏了\",\"amountFen\":\"lots\"}", "{\"reason\":", "[]",
				"{\"reason\":\"坏了\",\"imageFileIds\":\"" + PHOTO + "\"}")) {
			this.mvc.perform(request("31", body))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		verifyNoInteractions(this.afterSales);
	}

	@Test
	void theServicesRefusalsArePassedOnAsProblems() throws Exception {
		given(this.afterSales.request(anyLong(), any(), eq("404"), any())).willThrow(
				new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatus(HttpStatus.NOT_FOUND), null));
		given(this.afterSales.request(anyLong(), any(), eq("31"), any())).willThrow(new AfterSaleAlreadyOpen(3L));
		given(this.afterSales.request(anyLong(), any(), eq("32"), any())).willThrow(new AmountExceedsRefundable(500));
		given(this.afterSales.request(anyLong(), any(), eq("33"), any())).willThrow(new ContentRejected("reason"));
		given(this.afterSales.request(anyLong(), any(), eq("34"), any())).willThrow(new PhotosNotTheBuyers(List.of(1)));
		given(this.afterSales.request(anyLong(), any(), eq("35"), any())).willThrow(new PhotosNotCheckable());

		this.mvc.perform(request("404", "{\"reason\":\"坏了\"}")).andExpect(status().isNotFound());
		this.mvc.perform(request("31", "{\"reason\":\"坏了\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.afterSaleId").value("3"));
		this.mvc.perform(request("32", "{\"reason\":\"坏了\",\"amountFen\":990}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.refundableFen").value(500))
			.andExpect(jsonPath("$.errors[0].field").value("amountFen"));
		this.mvc.perform(request("33", "{\"reason\":\"违规\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type", endsWith("/content-rejected")))
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		this.mvc.perform(request("34", "{\"reason\":\"坏了\",\"imageFileIds\":[\"" + PHOTO + "\",\"" + PHOTO + "\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("The request has invalid fields."))
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("imageFileIds[1]")))
			.andExpect(jsonPath("$.traceId").exists());
		this.mvc.perform(request("35", "{\"reason\":\"坏了\",\"imageFileIds\":[\"" + PHOTO + "\"]}"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("Retry-After", "5"));
	}

	@Test
	void theBuyerListsTheOrdersAfterSales() throws Exception {
		given(this.afterSales.ofOrder(42L, "31")).willReturn(List.of(REQUESTED));

		this.mvc.perform(get("/api/orders/31/after-sales").with(buyer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value("3"))
			.andExpect(jsonPath("$[0].status").value("REQUESTED"));
	}

	@Test
	void withoutATokenEverythingIs401AndTheAdminsEndpointsAre403ForBuyers() throws Exception {
		this.mvc
			.perform(post("/api/orders/31/after-sales").contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"坏了\"}"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/orders/31/after-sales")).andExpect(status().isUnauthorized());
		this.mvc.perform(post("/api/admin/after-sales/3/approve").with(buyer())).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/admin/after-sales/3/reject").with(buyer())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"no\"}"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/admin/after-sales").with(buyer())).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/admin/after-sales")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.afterSales);
	}

	@Test
	void anAdminApprovesAndTheRefundIdIsShown() throws Exception {
		given(this.afterSales.approve("3")).willReturn(APPROVED);

		this.mvc.perform(post("/api/admin/after-sales/3/approve").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("APPROVED"))
			.andExpect(jsonPath("$.refundId").value("RF000000000000000007"));
	}

	@Test
	void approvingTwiceIs409WithTheAfterSalesStatus() throws Exception {
		given(this.afterSales.approve("3")).willThrow(AfterSaleStateConflict.movedMeanwhile(AfterSaleStatus.APPROVED));

		this.mvc.perform(post("/api/admin/after-sales/3/approve").with(admin()))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.afterSaleStatus").value("APPROVED"));
	}

	@Test
	void rejectingNeedsAReason() throws Exception {
		given(this.afterSales.reject("3", new RejectAfterSale("已超过七天"))).willReturn(new AfterSaleView("3", "31", "42",
				AfterSaleStatus.REJECTED, "尺码不合适", 990, List.of(), "已超过七天", null, AT, AT));

		this.mvc.perform(reject("3", "{\"reason\":\"已超过七天\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("REJECTED"))
			.andExpect(jsonPath("$.rejectReason").value("已超过七天"));
		for (String body : List.of("{}", "{\"reason\":\"\"}", "{\"reason\":\"" + "长".repeat(201) + "\"}")) {
			this.mvc.perform(reject("3", body))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("reason"));
		}
		this.mvc.perform(post("/api/admin/after-sales/3/reject").with(admin())).andExpect(status().isBadRequest());
	}

	@Test
	void theAdminsListFiltersByStatusAndRefusesASizeOverTheCap() throws Exception {
		given(this.afterSales.page(eq(AfterSaleStatus.REQUESTED), eq(2), isNull()))
			.willReturn(new CursorPage<>(List.of(REQUESTED), "next"));
		given(this.afterSales.page(isNull(), eq(20), anyString())).willReturn(new CursorPage<>(List.of(), null));

		this.mvc.perform(get("/api/admin/after-sales").param("status", "REQUESTED").param("size", "2").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].buyerId").value("42"))
			.andExpect(jsonPath("$.nextCursor").value("next"));
		this.mvc.perform(get("/api/admin/after-sales").param("cursor", "abc").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.nextCursor").doesNotExist());
		for (String[] bad : List.of(new String[] { "size", "101" }, new String[] { "size", "0" },
				new String[] { "status", "LOST" })) {
			this.mvc.perform(get("/api/admin/after-sales").param(bad[0], bad[1]).with(admin()))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

	private static MockHttpServletRequestBuilder request(String orderId, String body) {
		return post("/api/orders/" + orderId + "/after-sales").with(buyer())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private static MockHttpServletRequestBuilder reject(String id, String body) {
		return post("/api/admin/after-sales/" + id + "/reject").with(admin())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private static RequestPostProcessor buyer() {
		return jwt().jwt((token) -> token.subject("42").tokenValue(TOKEN))
			.authorities(new SimpleGrantedAuthority("ROLE_USER"));
	}

	private static RequestPostProcessor admin() {
		return jwt().jwt((token) -> token.subject("1")).authorities(new SimpleGrantedAuthority("ROLE_ADMIN"));
	}

}
