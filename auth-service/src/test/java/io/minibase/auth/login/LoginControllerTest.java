package io.minibase.auth.login;

import java.time.Duration;

import io.minibase.auth.config.SecurityConfiguration;
import io.minibase.auth.wechat.WeChatLoginFailed;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(LoginController.class)
@Import(SecurityConfiguration.class)
class LoginControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	LoginService logins;

	@MockitoBean
	JwtDecoder jwtDecoder;

	@Test
	void aLoginAnswersTokensAndTheUserOnly() throws Exception {
		given(this.logins.login("mock-alice-1")).willReturn(new LoginResponse("access", "refresh", "Bearer", 900,
				new LoginResponse.UserSummary("7", "", "", true)));

		this.mvc
			.perform(post("/api/auth/wechat/login").contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"mock-alice-1\"}"))
			.andExpect(status().isOk())
			.andExpect(content().json("""
					{"accessToken":"access","refreshToken":"refresh","tokenType":"Bearer","expiresIn":900,
					 "user":{"id":"7","nickname":"","avatarUrl":"","newUser":true}}
					""", org.springframework.test.json.JsonCompareMode.STRICT));
	}

	@Test
	void aBlankCodeIsABadRequestNamingTheField() throws Exception {
		this.mvc
			.perform(post("/api/auth/wechat/login").contentType(MediaType.APPLICATION_JSON).content("{\"code\":\" \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("code"));
		then(this.logins).shouldHaveNoInteractions();
	}

	@Test
	void aMissingBodyIsABadRequest() throws Exception {
		this.mvc.perform(post("/api/auth/wechat/login").contentType(MediaType.APPLICATION_JSON))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void weChatRateLimitingIsA429ProblemWithRetryAfter() throws Exception {
		given(this.logins.login(any())).willThrow(new WeChatLoginFailed.RateLimited(Duration.ofSeconds(60)));

		this.mvc
			.perform(post("/api/auth/wechat/login").contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"mock-ratelimited-1\"}"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "60"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(429));
	}

	@Test
	void logoutWithoutATokenIsAnUnauthorizedProblem() throws Exception {
		this.mvc.perform(post("/api/auth/logout"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.instance").value("/api/auth/logout"));
	}

	@Test
	void logoutWithATokenEndsTheSession() throws Exception {
		this.mvc.perform(post("/api/auth/logout").with(jwt().jwt((token) -> token.subject("7").claim("fid", "f1"))))
			.andExpect(status().isNoContent());
		then(this.logins).should().logout(any());
	}

}
