package io.minibase.file.delivery;

import java.util.Optional;

import io.minibase.file.config.SecurityConfiguration;
import io.minibase.file.stored.ReviewStatus;
import io.minibase.file.stored.StoredFile;
import io.minibase.file.stored.Visibility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static io.minibase.file.stored.StoredFiles.ID;
import static io.minibase.file.stored.StoredFiles.REVIEW_TOKEN;
import static io.minibase.file.stored.StoredFiles.SHA;
import static io.minibase.file.stored.StoredFiles.file;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(DeliveryController.class)
@Import(SecurityConfiguration.class)
class DeliveryControllerTest {

	private static final StoredFile PHOTO = file(ReviewStatus.PASSED);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	FileDelivery files;

	@MockitoBean
	ImageVariants variants;

	@MockitoBean
	JwtDecoder jwtDecoder;

	@Test
	void aFileIsPublicAndCarriesItsCachingHeaders() throws Exception {
		given(this.files.find(ID)).willReturn(PHOTO);
		given(this.variants.widthFor(PHOTO, 100)).willReturn(Optional.empty());
		given(this.files.original(PHOTO)).willReturn(Optional.of(new ByteArrayResource(new byte[] { 1, 2, 3, 4, 5 })));

		this.mvc.perform(get("/api/files/" + ID))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "image/png"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("ETag", "\"" + SHA + "\""))
			.andExpect(header().string("Cache-Control", "max-age=31536000, public, immutable"))
			.andExpect(content().bytes(new byte[] { 1, 2, 3, 4, 5 }));
	}

	@Test
	void aKnownETagIsAnswered304WithoutReadingTheFile() throws Exception {
		given(this.files.find(ID)).willReturn(PHOTO);

		this.mvc.perform(get("/api/files/" + ID).header("If-None-Match", "\"" + SHA + "\""))
			.andExpect(status().isNotModified());
		verify(this.files, never()).original(any());
	}

	@Test
	void anUnknownFileIsA404Problem() throws Exception {
		given(this.files.find("8")).willThrow(new FileNotFound());

		this.mvc.perform(get("/api/files/8"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.traceId").exists());
	}

	@Test
	void aFileUnderCheckIsServedToItsOwnerOnlyAndNeverKeptByASharedCache() throws Exception {
		StoredFile pending = file(ReviewStatus.PENDING);
		given(this.files.find(ID)).willReturn(pending);
		given(this.files.original(pending)).willReturn(Optional.of(new ByteArrayResource(new byte[] { 1, 2 })));

		this.mvc.perform(get("/api/files/" + ID).with(jwt().jwt((token) -> token.subject("42"))))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store, private"));
		this.mvc.perform(get("/api/files/" + ID))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		this.mvc.perform(get("/api/files/" + ID).with(jwt().jwt((token) -> token.subject("43"))))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/files/" + ID).queryParam("review", "x".repeat(43))).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/files/" + ID).header("If-None-Match", "\"" + SHA + "\""))
			.andExpect(status().isNotFound());
	}

	@Test
	void weChatDownloadsAFileUnderCheckWithItsReviewToken() throws Exception {
		StoredFile pending = file(ReviewStatus.PENDING);
		given(this.files.find(ID)).willReturn(pending);
		given(this.files.original(pending)).willReturn(Optional.of(new ByteArrayResource(new byte[] { 1, 2 })));

		this.mvc.perform(get("/api/files/" + ID).queryParam("review", REVIEW_TOKEN))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store, private"));
	}

	@Test
	void aRejectedFileIsGoneForEveryoneItsOwnerToo() throws Exception {
		given(this.files.find(ID)).willReturn(file(ReviewStatus.REJECTED));

		for (var request : java.util.List.of(get("/api/files/" + ID),
				get("/api/files/" + ID).with(jwt().jwt((token) -> token.subject("42"))),
				get("/api/files/" + ID).queryParam("review", REVIEW_TOKEN),
				get("/api/files/" + ID).queryParam("w", "64"))) {
			this.mvc.perform(request)
				.andExpect(status().isGone())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		}
		verify(this.files, never()).original(any());
	}

	@Test
	void aPrivateFileIsServedToItsOwnerOnlyAndKeptByNoSharedCache() throws Exception {
		StoredFile secret = file(ReviewStatus.TRUSTED, Visibility.PRIVATE);
		given(this.files.find(ID)).willReturn(secret);
		given(this.files.original(secret)).willReturn(Optional.of(new ByteArrayResource(new byte[] { 1, 2 })));

		this.mvc.perform(get("/api/files/" + ID).with(jwt().jwt((token) -> token.subject("42"))))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-cache, private"))
			.andExpect(header().string("ETag", "\"" + SHA + "\""));
		this.mvc
			.perform(get("/api/files/" + ID).header("If-None-Match", "\"" + SHA + "\"")
				.with(jwt().jwt((token) -> token.subject("42"))))
			.andExpect(status().isNotModified());
	}

	@Test
	void anAdminReadsAPrivateFileAsItsOwnerDoesKeptByNoSharedCache() throws Exception {
		StoredFile secret = file(ReviewStatus.TRUSTED, Visibility.PRIVATE);
		given(this.files.find(ID)).willReturn(secret);
		given(this.files.original(secret)).willReturn(Optional.of(new ByteArrayResource(new byte[] { 1, 2 })));

		this.mvc
			.perform(get("/api/files/" + ID)
				.with(jwt().jwt((token) -> token.subject("1").claim("roles", java.util.List.of("ADMIN")))))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-cache, private"))
			.andExpect(content().bytes(new byte[] { 1, 2 }));
	}

	@Test
	void aPrivateFileIsTheSame404AsNoFileForEveryoneButItsOwnerAndAdmins() throws Exception {
		given(this.files.find(ID)).willReturn(file(ReviewStatus.TRUSTED, Visibility.PRIVATE));

		for (var request : java.util.List.of(get("/api/files/" + ID),
				get("/api/files/" + ID).with(jwt().jwt((token) -> token.subject("43"))),
				get("/api/files/" + ID)
					.with(jwt().jwt((token) -> token.subject("43").claim("roles", java.util.List.of("USER")))),
				get("/api/files/" + ID).queryParam("review", REVIEW_TOKEN),
				get("/api/files/" + ID).header("If-None-Match", "\"" + SHA + "\""),
				get("/api/files/" + ID).queryParam("w", "64"))) {
			this.mvc.perform(request)
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.detail").value("There is no such file."));
		}
		verify(this.files, never()).original(any());
	}

}
