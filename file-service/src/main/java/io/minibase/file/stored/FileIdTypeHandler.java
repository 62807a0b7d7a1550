package io.minibase.file.stored;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

import org.springframework.stereotype.Component;

/** Reads and writes a {@link FileId} as its text (column {@code public_id}). */
@Component
@MappedTypes(FileId.class)
class FileIdTypeHandler extends BaseTypeHandler<FileId> {

	@Override
	public void setNonNullParameter(PreparedStatement statement, int index, FileId id, JdbcType type)
			throws SQLException {
		statement.setString(index, id.value());
	}

	@Override
	public FileId getNullableResult(ResultSet rows, String column) throws SQLException {
		return of(rows.getString(column));
	}

	@Override
	public FileId getNullableResult(ResultSet rows, int column) throws SQLException {
		return of(rows.getString(column));
	}

	@Override
	public FileId getNullableResult(CallableStatement call, int column) throws SQLException {
		return of(call.getString(column));
	}

	private static FileId of(String value) {
		return (value != null) ? new FileId(value) : null;
	}

}
