package io.minibase.order.address;

import java.util.List;

import io.minibase.order.config.SecurityConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The caller's addresses (api.md, Cart and addresses): shapes, validation, errors. */
@WebMvcTest(AddressController.class)
@Import(SecurityConfiguration.class)
class AddressControllerTest {

	private static final String VALID = "{\"name\":\"张三\",\"phone\":\"13812345678\",\"province\":\"广东省\","
			+ "\"city\":\"深圳市\",\"district\":\"南山区\",\"detail\":\"科技园路1号\"}";

	private static final AddressView HOME = new AddressView("3", "张三", "13812345678", "广东省", "深圳市", "南山区", "科技园路1号",
			true);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AddressBook book;

	@MockitoBean
	JwtDecoder jwtDecoder;

	@Test
	void addingAnswers201WithTheAddressAndItsLocation() throws Exception {
		given(this.book.add(eq(5L), any())).willReturn(HOME);

		this.mvc.perform(
				post("/api/users/me/addresses").with(user(5)).contentType(MediaType.APPLICATION_JSON).content(VALID))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/users/me/addresses/3"))
			.andExpect(jsonPath("$.id").value("3"))
			.andExpect(jsonPath("$.name").value("张三"))
			.andExpect(jsonPath("$.phone").value("13812345678"))
			.andExpect(jsonPath("$.province").value("广东省"))
			.andExpect(jsonPath("$.city").value("深圳市"))
			.andExpect(jsonPath("$.district").value("南山区"))
			.andExpect(jsonPath("$.detail").value("科技园路1号"))
			.andExpect(jsonPath("$.isDefault").value(true));
	}

	@Test
	void theListIsTheCallersAddresses() throws Exception {
		given(this.book.list(5L)).willReturn(List.of(HOME));

		this.mvc.perform(get("/api/users/me/addresses").with(user(5)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value("3"))
			.andExpect(jsonPath("$[0].isDefault").value(true));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|', value = { "name|''", "name|'   '", "name|'" + "名字名字名字名字名字名字名字名字名字名字名字名字名字名字名字名字名" + "'",
			"phone|''", "phone|'1381234567'", "phone|'23812345678'", "phone|'138123456789'", "phone|'010-123456'",
			"phone|'+8613812345678'", "province|''", "city|''", "district|''", "detail|''",
			"detail|'"
					+ "很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址很长的地址"
					+ "'" })
	void aBadPartIs400NamingItAndNoOther(String field, String value) throws Exception {
		// (a blank phone breaks two of its rules: both name it)
		String body = VALID.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":\"" + value + "\"");

		this.mvc
			.perform(
					post("/api/users/me/addresses").with(user(5)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[?(@.field != '" + field + "')]").isEmpty());
		this.mvc.perform(
				put("/api/users/me/addresses/3").with(user(5)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[?(@.field != '" + field + "')]").isEmpty());
		verify(this.book, never()).add(anyLong(), any());
	}

	@Test
	void anEmptyBodyNamesEveryRequiredPart() throws Exception {
		this.mvc
			.perform(
					post("/api/users/me/addresses").with(user(5)).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field")
				.value(containsInAnyOrder("name", "phone", "province", "city", "district", "detail")));
	}

	@Test
	void landlinesWithAnAreaCodeAndAnExtensionAreFine() throws Exception {
		given(this.book.add(eq(5L), any())).willReturn(HOME);
		for (String phone : List.of("010-12345678", "0755-1234567", "021-87654321-123")) {
			this.mvc
				.perform(post("/api/users/me/addresses").with(user(5))
					.contentType(MediaType.APPLICATION_JSON)
					.content(VALID.replace("13812345678", phone)))
				.andExpect(status().isCreated());
		}
	}

	@Test
	void anotherUsersAddressIs404AFullBook409AndTheDefaultStaysTheDefault409() throws Exception {
		willThrow(new AddressNotFound()).given(this.book).delete(5L, "9");
		given(this.book.update(eq(5L), eq("9"), any())).willThrow(new AddressNotFound());
		given(this.book.add(eq(6L), any())).willThrow(new AddressBookFull(20));
		given(this.book.update(eq(5L), eq("3"), any())).willThrow(new DefaultAddressRequired());

		this.mvc.perform(delete("/api/users/me/addresses/9").with(user(5)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(
				put("/api/users/me/addresses/9").with(user(5)).contentType(MediaType.APPLICATION_JSON).content(VALID))
			.andExpect(status().isNotFound());
		this.mvc.perform(
				post("/api/users/me/addresses").with(user(6)).contentType(MediaType.APPLICATION_JSON).content(VALID))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.limit").value(20));
		this.mvc
			.perform(put("/api/users/me/addresses/3").with(user(5))
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID.replace("}", ",\"isDefault\":false}")))
			.andExpect(status().isConflict());
	}

	@Test
	void deletingAnswers204() throws Exception {
		this.mvc.perform(delete("/api/users/me/addresses/3").with(user(5))).andExpect(status().isNoContent());
		verify(this.book).delete(5L, "3");
	}

	@Test
	void addressesNeedAUsersToken() throws Exception {
		this.mvc.perform(get("/api/users/me/addresses")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/users/me/addresses").with(jwt().jwt((token) -> token.subject("reporting-job"))))
			.andExpect(status().isForbidden());
	}

	private static RequestPostProcessor user(long id) {
		return jwt().jwt((token) -> token.subject(String.valueOf(id)));
	}

}
