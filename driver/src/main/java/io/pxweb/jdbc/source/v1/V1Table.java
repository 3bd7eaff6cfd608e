package io.pxweb.jdbc.source.v1;

import java.util.List;

/**
 * A v1 table's metadata as served: {@code {"title", "variables": [...]}}. No units, decimals,
 * notes or roles: those come from a data response.
 *
 * @param title the table's title
 * @param variables the variables in metadata order
 */
public record V1Table(String title, List<V1Variable> variables) {

  public V1Table {
    variables = List.copyOf(variables);
  }

  /**
   * One variable.
   *
   * @param code variable code
   * @param text label in the path's language
   * @param values value codes in table order; empty when the server left them out (a list
   *     longer than its {@code maxValues})
   * @param valueTexts value labels, parallel to {@code values}
   * @param elimination whether the server may leave the variable out ({@code "elimination"},
   *     absent = false)
   * @param time whether it is the time variable ({@code "time"}, absent = false)
   * @param map the geographical map name, or null
   */
  public record V1Variable(String code, String text, List<String> values, List<String> valueTexts,
      boolean elimination, boolean time, String map) {

    public V1Variable {
      values = List.copyOf(values);
      valueTexts = List.copyOf(valueTexts);
    }
  }
}
