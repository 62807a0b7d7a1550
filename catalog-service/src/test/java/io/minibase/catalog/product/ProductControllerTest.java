package io.minibase.catalog.product;

import java.time.Instant;
import java.util.List;

import io.minibase.catalog.config.CatalogProperties;
import io.minibase.catalog.config.SecurityConfiguration;
import io.minibase.common.web.CursorPage;
import io.minibase.common.web.KeysetCursor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest({ ProductController.class, ProductAdminController.class })
@Import({ SecurityConfiguration.class, ProductPresenter.class })
@EnableConfigurationProperties(CatalogProperties.class)
class ProductControllerTest {

	private static final Product APPLE = new Product(7, 3, "苹果", "脆", 1250, 9, ProductStatus.ON_SALE, "[\"f1\",\"f2\"]",
			Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T03:04:05.678Z"), 4);

	private static final String VALID_BODY = """
			{"name":"苹果","description":"脆","priceFen":1250,"stock":9,"categoryId":"3","imageFileIds":["f1"]}""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ProductService products;

	@MockitoBean
	JwtDecoder jwtDecoder;

	@Test
	void aProductPageShowsStringIdsImageUrlsAndFen() throws Exception {
		given(this.products.find("7")).willReturn(APPLE);
		this.mvc.perform(get("/api/catalog/products/7"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("7"))
			.andExpect(jsonPath("$.categoryId").value("3"))
			.andExpect(jsonPath("$.priceFen").value(1250))
			.andExpect(jsonPath("$.imageUrls[0]").value("/api/files/f1"))
			.andExpect(jsonPath("$.imageUrls[1]").value("/api/files/f2"))
			.andExpect(jsonPath("$.status").value("ON_SALE"))
			.andExpect(jsonPath("$.updatedAt").value("2026-01-02T03:04:05.678Z"))
			.andExpect(header().string("ETag", "\"7-4\""))
			.andExpect(header().string("Cache-Control", "max-age=30, public"));
	}

	@Test
	void aMatchingIfNoneMatchIsAnswered304() throws Exception {
		given(this.products.find("7")).willReturn(APPLE);
		this.mvc.perform(get("/api/catalog/products/7").header("If-None-Match", "\"7-4\""))
			.andExpect(status().isNotModified());
	}

	@Test
	void anUnknownProductIsA404Problem() throws Exception {
		given(this.products.find("404")).willThrow(new ProductNotFound());
		this.mvc.perform(get("/api/catalog/products/404"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void theListShowsTheCoverAndTheNextCursor() throws Exception {
		given(this.products.list(null, null, 20, null)).willReturn(new CursorPage<>(List.of(APPLE), "abc"));
		this.mvc.perform(get("/api/catalog/products"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value("7"))
			.andExpect(jsonPath("$.items[0].coverUrl").value("/api/files/f1"))
			.andExpect(jsonPath("$.items[0].stock").value(9))
			.andExpect(jsonPath("$.nextCursor").value("abc"))
			.andExpect(header().exists("ETag"));
	}

	@Test
	void aPageSizeOver100IsA400Problem() throws Exception {
		this.mvc.perform(get("/api/catalog/products").param("size", "101"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.products);
	}

	@Test
	void aForgedCursorIsA400Problem() throws Exception {
		given(this.products.list(null, null, 20, "bogus")).willThrow(new KeysetCursor.Invalid());
		this.mvc.perform(get("/api/catalog/products").param("cursor", "bogus"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void theAdminListShowsOffShelfProductsUncachedAndOnlyToAdmins() throws Exception {
		Product hidden = new Product(8, 3, "梨", "", 900, 0, ProductStatus.OFF_SHELF, "[]", APPLE.createdAt(),
				APPLE.updatedAt(), 1);
		given(this.products.listOf(null, null, null, 20, null))
			.willReturn(new CursorPage<>(List.of(hidden, APPLE), null));
		this.mvc
			.perform(get("/api/admin/catalog/products")
				.with(jwt().authorities(new SimpleGrantedAuthority("ROLE_ADMIN"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value("8"))
			.andExpect(jsonPath("$.items[0].status").value("OFF_SHELF"))
			.andExpect(jsonPath("$.items[1].status").value("ON_SALE"))
			.andExpect(header().string("Cache-Control", "no-store"));
		this.mvc
			.perform(
					get("/api/admin/catalog/products").with(jwt().authorities(new SimpleGrantedAuthority("ROLE_USER"))))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/admin/catalog/products"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void theAdminListTakesOneStatusAndRefusesAnUnknownOne() throws Exception {
		given(this.products.listOf(ProductStatus.OFF_SHELF, 3L, "梨", 5, null))
			.willReturn(new CursorPage<>(List.of(), null));
		this.mvc
			.perform(get("/api/admin/catalog/products").param("status", "OFF_SHELF")
				.param("categoryId", "3")
				.param("q", "梨")
				.param("size", "5")
				.with(jwt().authorities(new SimpleGrantedAuthority("ROLE_ADMIN"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items").isEmpty());
		verify(this.products).listOf(ProductStatus.OFF_SHELF, 3L, "梨", 5, null);
		this.mvc
			.perform(get("/api/admin/catalog/products").param("status", "SOLD")
				.with(jwt().authorities(new SimpleGrantedAuthority("ROLE_ADMIN"))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(get("/api/admin/catalog/products").param("size", "0")
				.with(jwt().authorities(new SimpleGrantedAuthority("ROLE_ADMIN"))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aTokenThatCannotBeCheckedWhileAuthServicesKeysAreAwayIs503WithRetryAfter() throws Exception {
		given(this.jwtDecoder.decode(any()))
			.willThrow(new JwtException("Couldn't retrieve remote JWK set: Connection refused"));
		this.mvc.perform(get("/api/admin/catalog/products").header("Authorization", "Bearer some.signed.token"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(503));
		verifyNoInteractions(this.products);
	}

	@Test
	void aForgedTokenIsStill401() throws Exception {
		given(this.jwtDecoder.decode(any())).willThrow(new BadJwtException("Signed JWT rejected: Invalid signature"));
		this.mvc.perform(get("/api/admin/catalog/products").header("Authorization", "Bearer some.forged.token"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().exists("WWW-Authenticate"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void anAdminWriteWithoutATokenIs401Problem() throws Exception {
		this.mvc
			.perform(post("/api/admin/catalog/products").contentType(MediaType.APPLICATION_JSON).content(VALID_BODY))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.products);
	}

	@Test
	void anAdminWriteWithAUserTokenIs403Problem() throws Exception {
		this.mvc
			.perform(
					post("/api/admin/catalog/products").with(jwt().authorities(new SimpleGrantedAuthority("ROLE_USER")))
						.contentType(MediaType.APPLICATION_JSON)
						.content(VALID_BODY))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.products);
	}

	@Test
	void anAdminCreateAnswers201WithTheLocationOfTheProduct() throws Exception {
		given(this.products.create(any())).willReturn(APPLE);
		this.mvc
			.perform(post("/api/admin/catalog/products").with(admin())
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID_BODY))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/catalog/products/7"))
			.andExpect(jsonPath("$.id").value("7"));
		verify(this.products).create(any());
	}

	@Test
	void aNegativePriceOrStockIsA400ProblemNamingTheFields() throws Exception {
		this.mvc.perform(
				post("/api/admin/catalog/products").with(admin()).contentType(MediaType.APPLICATION_JSON).content("""
						{"name":"x","priceFen":0,"stock":-1,"categoryId":"3"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[?(@.field == 'priceFen')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'stock')]").exists());
		verifyNoInteractions(this.products);
	}

	@Test
	void skuSpecsTooLongTooManyOrBlankAndPricesOutOfRangeAre400NamingTheFields() throws Exception {
		this.mvc.perform(
				post("/api/admin/catalog/products").with(admin()).contentType(MediaType.APPLICATION_JSON).content("""
						{"name":"x","categoryId":"3","skus":[
						  {"specs":{"颜色":"%s"},"priceFen":1000000001,"stock":1},
						  {"specs":{"a":"1","b":"2","c":"3","d":"4","e":"5","f":"6"},"priceFen":1,"stock":10000001},
						  {"specs":{"颜色":" "},"priceFen":1,"stock":1}]}""".formatted("红".repeat(41))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[?(@.field == 'skus[0].specs[颜色]')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'skus[0].priceFen')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'skus[1].specs')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'skus[1].stock')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'skus[2].specs[颜色]')]").exists());
		verifyNoInteractions(this.products);
	}

	@Test
	void aProductPageShowsItsSkusWithTheirSpecs() throws Exception {
		given(this.products.find("7")).willReturn(APPLE
			.withSkus(List.of(new Sku(70, 7, "{\"颜色\":\"红\"}", 1250, 4), new Sku(71, 7, "{\"颜色\":\"绿\"}", 1300, 5))));
		this.mvc.perform(get("/api/catalog/products/7"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.priceFen").value(1250))
			.andExpect(jsonPath("$.stock").value(9))
			.andExpect(jsonPath("$.skus[1].id").value("71"))
			.andExpect(jsonPath("$.skus[1].specs.颜色").value("绿"))
			.andExpect(jsonPath("$.skus[1].priceFen").value(1300))
			.andExpect(jsonPath("$.skus[1].stock").value(5));
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return jwt().authorities(new SimpleGrantedAuthority("ROLE_ADMIN"));
	}

}
