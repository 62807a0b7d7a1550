package io.minibase.catalog.category;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.minibase.catalog.category.CategoryController.CategoryView;
import io.minibase.catalog.category.CategoryMapper.NewCategory;
import io.minibase.common.web.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin writes of categories (role ADMIN, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/admin/catalog/categories")
class CategoryAdminController {

	private final CategoryMapper categories;

	private final CategoryCache cache;

	CategoryAdminController(CategoryMapper categories, CategoryCache cache) {
		this.categories = categories;
		this.cache = cache;
	}

	@PostMapping
	ResponseEntity<CategoryView> create(@Valid @RequestBody CategoryRequest request) {
		Long parentId = (request.parentId() != null) ? Long.valueOf(request.parentId()) : null;
		if (parentId != null && this.categories.findById(parentId) == null) {
			throw new UnknownParentCategory(request.parentId());
		}
		NewCategory row = new NewCategory(request.name().strip(), parentId,
				(request.sort() != null) ? request.sort() : 0);
		this.categories.insert(row);
		// the insert has committed (no surrounding transaction), so the next list read
		// loads it
		this.cache.evict();
		Category created = this.categories.findById(row.getId());
		// there is no category page; the list is where a client finds it
		return ResponseEntity.created(URI.create("/api/catalog/categories")).body(CategoryView.of(created));
	}

	/** The body of a category create. */
	record CategoryRequest(@NotBlank @Size(max = 64) String name,
			@Pattern(regexp = Ids.PATTERN, message = "must be a category id") String parentId, Integer sort) {

	}

	/** The parent named does not exist: 422 with the field in errors. */
	static class UnknownParentCategory extends ErrorResponseException {

		UnknownParentCategory(String parentId) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, problem(parentId), null);
		}

		private static ProblemDetail problem(String parentId) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
					"The request has invalid fields.");
			problem.setProperty("errors", List.of(Map.of("field", "parentId", "message", "no category " + parentId)));
			return problem;
		}

	}

}
