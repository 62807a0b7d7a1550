package io.minibase.catalog.category;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;

/** Reads categories. */
@Mapper
interface CategoryMapper {

	@Select("SELECT id, name, parent_id, sort FROM category ORDER BY sort, id")
	List<Category> findAll();

}
