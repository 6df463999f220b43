package routes.shared;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.component.sql.RowMapperFactory;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.TypeConverterSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import store.SqlParameters;

/**
 * How the routes' typed bodies cross camel-sql, so a route carries records rather than maps read by
 * key.
 *
 * <ul>
 *   <li>Parameters: camel-sql looks a named parameter up in the body converted to a {@link Map};
 *       this converter gives it the {@link SqlParameters} of the record in the body, which stays
 *       the body after the statement.
 *   <li>Rows: an endpoint with {@code outputClass} reads each row into that record through its
 *       canonical constructor, the column {@code oldest_age_seconds} into the component {@code
 *       oldestAgeSeconds}.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SqlRecords {

  /** camel-sql autowires the one factory it finds. */
  @Bean
  RowMapperFactory recordRowMappers() {
    return new RowMapperFactory() {
      @Override
      public RowMapper<?> newColumnRowMapper() {
        return new ColumnMapRowMapper();
      }

      @Override
      public RowMapper<?> newBeanRowMapper(Class<?> mappedClass) {
        return new DataClassRowMapper<>(mappedClass);
      }
    };
  }

  @Bean
  CamelContextConfiguration sqlParametersConverter() {
    return new CamelContextConfiguration() {
      @Override
      public void beforeApplicationStart(CamelContext camelContext) {
        camelContext
            .getTypeConverterRegistry()
            .addTypeConverter(Map.class, SqlParameters.class, new ToParameters());
      }

      @Override
      public void afterApplicationStart(CamelContext camelContext) {
        // the converter is in place before the first route starts
      }
    };
  }

  private static final class ToParameters extends TypeConverterSupport {

    @Override
    public <T> T convertTo(Class<T> type, Exchange exchange, Object value)
        throws TypeConversionException {
      return type.cast(((SqlParameters) value).toParameters());
    }
  }
}
