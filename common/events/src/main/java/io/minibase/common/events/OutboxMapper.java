package io.minibase.common.events;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The outbox table: written with a change, read and marked by the relay. */
@Mapper
interface OutboxMapper {

	@Insert("""
			INSERT INTO outbox (event_id, topic, event_type, subject, payload, traceparent, tracestate, created_at)
			VALUES (#{eventId}, #{topic}, #{eventType}, #{subject}, #{payload}, #{traceparent}, #{tracestate}, #{createdAt})
			""")
	void insert(OutboxRow row);

	/** Several events of one transaction, in one statement, in their order. */
	@Insert("""
			<script>
			INSERT INTO outbox (event_id, topic, event_type, subject, payload, traceparent, tracestate, created_at) VALUES
			<foreach item="row" collection="rows" separator=",">
			(#{row.eventId}, #{row.topic}, #{row.eventType}, #{row.subject}, #{row.payload}, #{row.traceparent},
			 #{row.tracestate}, #{row.createdAt})
			</foreach>
			</script>
			""")
	void insertAll(@Param("rows") List<OutboxRow> rows);

	@Select("""
			SELECT id, event_id, topic, event_type, subject, payload, traceparent, tracestate, created_at
			FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT #{limit}
			""")
	List<OutboxRow> findUnpublished(int limit);

	@Update("""
			<script>
			UPDATE outbox SET published_at = #{at} WHERE id IN
			<foreach item="id" collection="ids" open="(" separator="," close=")">#{id}</foreach>
			</script>
			""")
	int markPublished(@Param("ids") List<Long> ids, @Param("at") Instant at);

	@Select("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL")
	long countUnpublished();

	@Select("SELECT MIN(created_at) FROM outbox WHERE published_at IS NULL")
	Instant oldestUnpublished();

	@Delete("DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < #{before} LIMIT #{limit}")
	int purgePublished(@Param("before") Instant before, @Param("limit") int limit);

}
