package io.minibase.file.upload;

import io.minibase.file.config.SecurityConfiguration;
import io.minibase.file.stored.ReviewStatus;
import io.minibase.file.stored.StoredFile;
import io.minibase.file.stored.Visibility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static io.minibase.file.stored.StoredFiles.ID;
import static io.minibase.file.stored.StoredFiles.SHA;
import static io.minibase.file.stored.StoredFiles.file;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(UploadController.class)
@Import(SecurityConfiguration.class)
class UploadControllerTest {

	private static final StoredFile PHOTO = file(ReviewStatus.PASSED);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Uploads files;

	@MockitoBean
	JwtDecoder jwtDecoder;

	@Test
	void anUploadAnswers201WithStringIdsAndThePublicUrl() throws Exception {
		given(this.files.upload(eq(42L), any(), eq(false), eq(Visibility.PUBLIC))).willReturn(PHOTO);

		this.mvc
			.perform(multipart("/api/files").file(new MockMultipartFile("file", "photo.png", "image/png", new byte[5]))
				.with(jwt().jwt((token) -> token.subject("42"))))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/files/" + ID))
			.andExpect(jsonPath("$.id").value(ID))
			.andExpect(jsonPath("$.url").value("/api/files/" + ID))
			.andExpect(jsonPath("$.contentType").value("image/png"))
			.andExpect(jsonPath("$.size").value(5))
			.andExpect(jsonPath("$.sha256").value(SHA))
			.andExpect(jsonPath("$.width").value(300))
			.andExpect(jsonPath("$.height").value(200));
	}

	@Test
	void anUploadWithoutATokenIs401() throws Exception {
		this.mvc.perform(multipart("/api/files").file(new MockMultipartFile("file", new byte[5])))
			.andExpect(status().isUnauthorized())
			.andExpect(header().exists("WWW-Authenticate"));
		verifyNoInteractions(this.files);
	}

	@Test
	void anUploadWithoutAFilePartIs400() throws Exception {
		this.mvc
			.perform(multipart("/api/files").file(new MockMultipartFile("other", new byte[5]))
				.with(jwt().jwt((token) -> token.subject("42"))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void anAdminsUploadIsTrusted() throws Exception {
		given(this.files.upload(eq(1L), any(), eq(true), eq(Visibility.PUBLIC))).willReturn(PHOTO);

		this.mvc
			.perform(multipart("/api/files").file(new MockMultipartFile("file", "photo.png", "image/png", new byte[5]))
				.with(jwt().jwt((token) -> token.subject("1").claim("roles", java.util.List.of("ADMIN")))))
			.andExpect(status().isCreated());
	}

	@Test
	void anUploadChoosesPrivateWithTheVisibilityField() throws Exception {
		given(this.files.upload(eq(42L), any(), eq(false), eq(Visibility.PRIVATE)))
			.willReturn(file(ReviewStatus.TRUSTED, Visibility.PRIVATE));

		this.mvc
			.perform(multipart("/api/files").file(new MockMultipartFile("file", "photo.png", "image/png", new byte[5]))
				.param("visibility", "private")
				.with(jwt().jwt((token) -> token.subject("42"))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.visibility").value("private"));
	}

	@Test
	void anUploadWithAnUnknownVisibilityIs400() throws Exception {
		this.mvc
			.perform(multipart("/api/files").file(new MockMultipartFile("file", "photo.png", "image/png", new byte[5]))
				.param("visibility", "friends")
				.with(jwt().jwt((token) -> token.subject("42"))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		verifyNoInteractions(this.files);
	}

}
