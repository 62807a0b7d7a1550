package io.minibase.auth.user;

import java.time.Instant;

import io.minibase.auth.config.SecurityConfiguration;
import io.minibase.auth.phone.PhoneNumbers;
import io.minibase.auth.phone.PhoneCodes;
import io.minibase.common.wechat.ContentRejected;
import io.minibase.common.wechat.ContentSecurity;
import io.minibase.common.wechat.ContentSecurity.Scene;
import io.minibase.common.wechat.WeChatUnavailable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.BDDMockito.given;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(UserController.class)
@Import(SecurityConfiguration.class)
class UserControllerTest {

	private static final User ALICE = new User(7, "mock-openid-alice", null, "Alice", "https://img.example.com/a.png",
			Instant.parse("2026-01-02T03:04:05.678Z"), null);

	private static final User ALICE_WITH_PHONE = new User(7, "mock-openid-alice", null, "Alice",
			"https://img.example.com/a.png", Instant.parse("2026-01-02T03:04:05.678Z"), "138****5678");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Users users;

	@MockitoBean
	JwtDecoder jwtDecoder;

	@MockitoBean
	PhoneNumbers phones;

	@MockitoBean
	ContentSecurity contentSecurity;

	@Test
	void theProfileShowsIdNicknameAvatarAndCreationOnly() throws Exception {
		given(this.users.find(7)).willReturn(ALICE);

		this.mvc.perform(get("/api/users/me").with(jwt().jwt((token) -> token.subject("7"))))
			.andExpect(status().isOk())
			.andExpect(content().json("""
					{"id":"7","nickname":"Alice","avatarUrl":"https://img.example.com/a.png",
					 "createdAt":"2026-01-02T03:04:05.678Z","phoneMasked":null}
					""", org.springframework.test.json.JsonCompareMode.STRICT));
	}

	@Test
	void theProfileWithoutATokenIsAnUnauthorizedProblem() throws Exception {
		this.mvc.perform(get("/api/users/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401));
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void aValidChangeIsSaved() throws Exception {
		given(this.users.find(7)).willReturn(ALICE);
		given(this.users.updateProfile(7, "Bob", null)).willReturn(ALICE);

		this.mvc
			.perform(patch("/api/users/me").with(jwt().jwt((token) -> token.subject("7")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"nickname\":\"Bob\"}"))
			.andExpect(status().isOk());
		then(this.users).should().updateProfile(7, "Bob", null);
		then(this.contentSecurity).should().requireSafeText("mock-openid-alice", Scene.PROFILE, "nickname", "Bob");
	}

	@Test
	void aRiskyNicknameIsUnprocessableContentRejectedAndNotSaved() throws Exception {
		given(this.users.find(7)).willReturn(ALICE);
		willThrow(new ContentRejected("nickname")).given(this.contentSecurity)
			.requireSafeText("mock-openid-alice", Scene.PROFILE, "nickname", "违规");

		this.mvc
			.perform(patch("/api/users/me").with(jwt().jwt((token) -> token.subject("7")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"nickname\":\"违规\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/content-rejected")))
			.andExpect(jsonPath("$.errors[0].field").value("nickname"))
			.andExpect(
					jsonPath("$.detail").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("违规"))));
		then(this.users).should(never()).updateProfile(anyLong(), any(), any());
	}

	@Test
	void whileWeChatCannotCheckANicknameNothingIsSavedAnd503Quickly() throws Exception {
		given(this.users.find(7)).willReturn(ALICE);
		willThrow(new WeChatUnavailable("msg_sec_check")).given(this.contentSecurity)
			.requireSafeText(any(), any(), any(), any());

		this.mvc
			.perform(patch("/api/users/me").with(jwt().jwt((token) -> token.subject("7")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"nickname\":\"Bob\"}"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().exists("Retry-After"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		then(this.users).should(never()).updateProfile(anyLong(), any(), any());
	}

	@Test
	void anAvatarAloneIsNotATextToCheck() throws Exception {
		given(this.users.updateProfile(7, null, "https://img.example.com/b.png")).willReturn(ALICE);

		this.mvc
			.perform(patch("/api/users/me").with(jwt().jwt((token) -> token.subject("7")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"avatarUrl\":\"https://img.example.com/b.png\"}"))
			.andExpect(status().isOk());
		then(this.contentSecurity).shouldHaveNoInteractions();
	}

	@Test
	void aTooLongNicknameAndANonHttpsAvatarAreBadRequests() throws Exception {
		this.mvc
			.perform(patch("/api/users/me").with(jwt().jwt((token) -> token.subject("7")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"nickname\":\"" + "x".repeat(33) + "\",\"avatarUrl\":\"ftp://example.com/a.png\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[?(@.field == 'nickname')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'avatarUrl')]").exists());
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void aTooLongAvatarUrlIsABadRequest() throws Exception {
		this.mvc
			.perform(patch("/api/users/me").with(jwt().jwt((token) -> token.subject("7")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"avatarUrl\":\"https://example.com/" + "a".repeat(500) + "\"}"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aPhoneCodeBindsTheNumberAndTheAnswerShowsItMaskedOnly() throws Exception {
		given(this.phones.link(7, "phone-13812345678-1")).willReturn(ALICE_WITH_PHONE);

		this.mvc
			.perform(post("/api/users/me/phone").with(jwt().jwt((token) -> token.subject("7")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"phone-13812345678-1\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.phoneMasked").value("138****5678"))
			.andExpect(jsonPath("$.phone").doesNotExist())
			.andExpect(jsonPath("$.phoneNumber").doesNotExist());
	}

	@Test
	void aMissingOrBlankPhoneCodeIsABadRequest() throws Exception {
		for (String body : new String[] { "{}", "{\"code\":\"  \"}" }) {
			this.mvc
				.perform(post("/api/users/me/phone").with(jwt().jwt((token) -> token.subject("7")))
					.contentType(MediaType.APPLICATION_JSON)
					.content(body))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[?(@.field == 'code')]").exists());
		}
		then(this.phones).shouldHaveNoInteractions();
	}

	@Test
	void thePhoneEndpointAnswersWeChatsRefusalAndOutageAsProblems() throws Exception {
		given(this.phones.link(7, "phone-invalid-1")).willThrow(PhoneCodes.rejected());
		given(this.phones.link(7, "down")).willThrow(new WeChatUnavailable("getuserphonenumber"));
		given(this.phones.link(7, "odd")).willThrow(PhoneCodes.lookupFailed());

		phone("phone-invalid-1").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		phone("down").andExpect(status().isServiceUnavailable())
			.andExpect(header().exists("Retry-After"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		phone("odd").andExpect(status().isBadGateway());
	}

	@Test
	void thePhoneEndpointNeedsAToken() throws Exception {
		this.mvc
			.perform(post("/api/users/me/phone").contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"phone-13812345678-1\"}"))
			.andExpect(status().isUnauthorized());
	}

	private org.springframework.test.web.servlet.ResultActions phone(String code) throws Exception {
		return this.mvc.perform(post("/api/users/me/phone").with(jwt().jwt((token) -> token.subject("7")))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\":\"" + code + "\"}"));
	}

}
