package io.minibase.catalog.sharecode;

import io.minibase.catalog.config.SecurityConfiguration;
import io.minibase.common.wechat.WeChatUnavailable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ShareCodeController.class)
@Import(SecurityConfiguration.class)
@EnableConfigurationProperties(ShareCodeProperties.class)
class ShareCodeControllerTest {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3 };

	private static final String SHA = "ab".repeat(32);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ShareCodes codes;

	@MockitoBean
	JwtDecoder jwtDecoder;

	@Test
	void aShareCodeIsServedLikeAFileWithoutAToken() throws Exception {
		given(this.codes.of("7")).willReturn(new ShareCode(PNG, SHA));
		this.mvc.perform(get("/api/catalog/products/7/share-code"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "image/png"))
			.andExpect(header().string("ETag", "\"" + SHA + "\""))
			.andExpect(header().string("Cache-Control", "max-age=604800, public"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(content().bytes(PNG));
	}

	@Test
	void aClientThatHasTheCodeGets304() throws Exception {
		given(this.codes.of("7")).willReturn(new ShareCode(PNG, SHA));
		this.mvc.perform(get("/api/catalog/products/7/share-code").header("If-None-Match", "\"" + SHA + "\""))
			.andExpect(status().isNotModified());
	}

	@Test
	void anUnknownProductIs404ProblemJson() throws Exception {
		given(this.codes.of("8")).willThrow(new NoSuchProduct());
		this.mvc.perform(get("/api/catalog/products/8/share-code").header("Accept", "image/png,*/*"))
			.andExpect(status().isNotFound())
			.andExpect(header().string("Content-Type", "application/problem+json"))
			.andExpect(jsonPath("$.status").value(404));
	}

	@Test
	void weChatDownIs503WithRetryAfter() throws Exception {
		given(this.codes.of("7")).willThrow(new WeChatUnavailable(ShareCodes.API));
		this.mvc.perform(get("/api/catalog/products/7/share-code"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().exists("Retry-After"))
			.andExpect(jsonPath("$.status").value(503));
	}

}
