package io.minibase.catalog.category;

import java.util.List;

import io.minibase.catalog.category.CategoryMapper.NewCategory;

import org.springframework.stereotype.Service;

/**
 * The categories: the list through its cache, and the admin's create, which evicts it.
 * The controllers go through here, never to the mapper.
 */
@Service
class Categories {

	private final CategoryMapper categories;

	private final CategoryCache cache;

	Categories(CategoryMapper categories, CategoryCache cache) {
		this.categories = categories;
		this.cache = cache;
	}

	List<Category> list() {
		return this.cache.list(this.categories::findAll);
	}

	/**
	 * Creates a category under {@code parentId} (null: a top-level one).
	 * @throws UnknownParentCategory if the parent does not exist
	 */
	Category create(String name, Long parentId, int sort) {
		if (parentId != null && this.categories.findById(parentId) == null) {
			throw new UnknownParentCategory(String.valueOf(parentId));
		}
		NewCategory row = new NewCategory(name, parentId, sort);
		this.categories.insert(row);
		// the insert has committed (no surrounding transaction), so the next list read
		// loads it
		this.cache.evict();
		return this.categories.findById(row.getId());
	}

}
