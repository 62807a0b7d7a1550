package io.minibase.catalog.category;

import java.util.List;
import java.util.function.Supplier;

import io.minibase.catalog.config.SecurityConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

// the controllers with the real Categories between them and the mocked mapper and cache
@WebMvcTest({ CategoryController.class, CategoryAdminController.class })
@Import({ SecurityConfiguration.class, Categories.class })
class CategoryControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CategoryMapper categories;

	@MockitoBean
	JwtDecoder jwtDecoder;

	@MockitoBean
	CategoryCache cache;

	@BeforeEach
	void cacheMisses() {
		given(this.cache.list(any()))
			.willAnswer((invocation) -> invocation.<Supplier<List<Category>>>getArgument(0).get());
	}

	@Test
	void categoriesAreListedWithStringIdsInTheirOrder() throws Exception {
		given(this.categories.findAll())
			.willReturn(List.of(new Category(1, "水果 🍎", null, 0), new Category(7, "Citrus", 1L, 5)));
		this.mvc.perform(get("/api/catalog/categories"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$[0].id").value("1"))
			.andExpect(jsonPath("$[0].name").value("水果 🍎"))
			.andExpect(jsonPath("$[0].parentId").isEmpty())
			.andExpect(jsonPath("$[1].id").value("7"))
			.andExpect(jsonPath("$[1].parentId").value("1"))
			.andExpect(jsonPath("$[1].sort").value(5));
	}

	@Test
	void postingToThePublicListIs405Problem() throws Exception {
		this.mvc.perform(post("/api/catalog/categories"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void anAdminCreatesACategoryUnderAnExistingParent() throws Exception {
		given(this.categories.findById(1)).willReturn(new Category(1, "水果", null, 0));
		willAnswer((invocation) -> {
			invocation.<CategoryMapper.NewCategory>getArgument(0).setId(9L);
			return null;
		}).given(this.categories).insert(any());
		given(this.categories.findById(9)).willReturn(new Category(9, "Citrus", 1L, 2));
		this.mvc
			.perform(post("/api/admin/catalog/categories")
				.with(jwt().authorities(new SimpleGrantedAuthority("ROLE_ADMIN")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Citrus\",\"parentId\":\"1\",\"sort\":2}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").value("9"))
			.andExpect(jsonPath("$.parentId").value("1"));
	}

	@Test
	void anUnknownParentIs422NamingTheField() throws Exception {
		this.mvc
			.perform(post("/api/admin/catalog/categories")
				.with(jwt().authorities(new SimpleGrantedAuthority("ROLE_ADMIN")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Citrus\",\"parentId\":\"404\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("parentId"));
	}

}
