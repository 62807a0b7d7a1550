package io.minibase.catalog.category;

import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Select;

/** Reads and writes categories. */
@Mapper
interface CategoryMapper {

	@Select("SELECT id, name, parent_id, sort FROM category ORDER BY sort, id")
	List<Category> findAll();

	@Select("SELECT id, name, parent_id, sort FROM category WHERE id = #{id}")
	Category findById(long id);

	@Insert("INSERT INTO category (name, parent_id, sort) VALUES (#{name}, #{parentId}, #{sort})")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
	void insert(NewCategory category);

	/** The columns of an insert; {@code id} is set by it. */
	final class NewCategory {

		private Long id;

		private final String name;

		private final Long parentId;

		private final int sort;

		NewCategory(String name, Long parentId, int sort) {
			this.name = name;
			this.parentId = parentId;
			this.sort = sort;
		}

		public Long getId() {
			return this.id;
		}

		public void setId(Long id) {
			this.id = id;
		}

		public String getName() {
			return this.name;
		}

		public Long getParentId() {
			return this.parentId;
		}

		public int getSort() {
			return this.sort;
		}

	}

}
