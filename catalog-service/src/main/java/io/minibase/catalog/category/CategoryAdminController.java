package io.minibase.catalog.category;

import java.net.URI;

import io.minibase.catalog.category.CategoryController.CategoryView;
import io.minibase.common.web.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin writes of categories (role ADMIN, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/admin/catalog/categories")
class CategoryAdminController {

	private final Categories categories;

	CategoryAdminController(Categories categories) {
		this.categories = categories;
	}

	@PostMapping
	ResponseEntity<CategoryView> create(@Valid @RequestBody CategoryRequest request) {
		Long parentId = (request.parentId() != null) ? Long.valueOf(request.parentId()) : null;
		Category created = this.categories.create(request.name().strip(), parentId,
				(request.sort() != null) ? request.sort() : 0);
		// there is no category page; the list is where a client finds it
		return ResponseEntity.created(URI.create("/api/catalog/categories")).body(CategoryView.of(created));
	}

	/** The body of a category create. */
	record CategoryRequest(@NotBlank @Size(max = 64) String name,
			@Pattern(regexp = Ids.PATTERN, message = "must be a category id") String parentId, Integer sort) {

	}

}
