package io.pxweb.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxweb.server.sql.PgLexer.Kind;
import io.pxweb.server.sql.PgLexer.Token;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PgLexerTest {
  private static String kinds(String sql) {
    return PgLexer.tokens(sql).stream().filter(t -> t.kind() != Kind.SPACE)
        .map(t -> t.kind() + ":" + t.text()).collect(Collectors.joining(" "));
  }

  @Test
  void tokensJoinedAreTheInput() {
    String sql = "SELECT E'it''s\\n', $tag$a;b$tag$, \"x\"\"y\" /* c /* nested */ */ -- end\n"
        + "FROM t WHERE a::int >= $12 AND b <> 1.5e-3";
    List<Token> tokens = PgLexer.tokens(sql);
    assertEquals(sql, tokens.stream().map(Token::text).collect(Collectors.joining()));
  }

  @Test
  void literalsNamesParametersAndOperatorsAreSingleTokens() {
    assertEquals("WORD:SELECT STRING:E'a\\'b' PUNCT:, STRING:$$x$$ PUNCT:, QUOTED_NAME:\"A b\" "
        + "WORD:FROM WORD:t WORD:WHERE WORD:a OPERATOR::: WORD:int OPERATOR:>= PARAM:$1",
        kinds("SELECT E'a\\'b', $$x$$, \"A b\" FROM t WHERE a::int>=$1"));
    assertEquals("NUMBER:1.5e-3 OPERATOR:+ NUMBER:.5", kinds("1.5e-3 + .5"));
  }

  @Test
  void stringValuesUndoQuotingAndEscapes() {
    assertEquals("it's", PgLexer.stringValue("'it''s'"));
    assertEquals("a\nb'c", PgLexer.stringValue("E'a\\nb\\'c'"));
    assertEquals("x'y", PgLexer.stringValue("$q$x'y$q$"));
  }

  @Test
  void commentsAreSpaceAndNest() {
    assertEquals("WORD:a WORD:b", kinds("a /* x /* y */ still */ b -- c"));
  }
}
