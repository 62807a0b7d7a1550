package io.minibase.catalog.category;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(CategoryController.class)
class CategoryControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CategoryMapper categories;

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

}
