package io.minibase.catalog.category;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public category list. */
@RestController
@RequestMapping("/api/catalog/categories")
class CategoryController {

	private final Categories categories;

	CategoryController(Categories categories) {
		this.categories = categories;
	}

	@GetMapping
	List<CategoryView> list() {
		return this.categories.list().stream().map(CategoryView::of).toList();
	}

	/** A category as clients see it: ids are opaque strings. */
	record CategoryView(String id, String name, String parentId, int sort) {

		static CategoryView of(Category category) {
			return new CategoryView(String.valueOf(category.id()), category.name(),
					(category.parentId() != null) ? String.valueOf(category.parentId()) : null, category.sort());
		}

	}

}
