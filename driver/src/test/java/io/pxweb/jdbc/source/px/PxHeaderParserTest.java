package io.pxweb.jdbc.source.px;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokenizer and parser of PX headers, and TIMEVAL lists. */
class PxHeaderParserTest {

  private static PxKeyword only(String text) throws PxFormatException {
    List<PxKeyword> all = PxHeaderParser.parse(text);
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }

  @Test
  void readsKeywordLanguageSubkeysAndValues() throws Exception {
    List<PxKeyword> all = PxHeaderParser.parse("CHARSET=\"ANSI\";\n"
        + "DECIMALS=1;\n"
        + "VALUES[sv](\"kön\")=\"Kvinnor\",\"Män\";\n"
        + "PRECISION(\"statistikkvariabel\",\"Kilopris (kr)\")=2;\n"
        + "AGGREGALLOWED=NO;\n");
    assertEquals(5, all.size());
    assertEquals(new PxKeyword("CHARSET", null, List.of(), List.of("ANSI"), true, 1), all.get(0));
    assertEquals(new PxKeyword("DECIMALS", null, List.of(), List.of("1"), false, 2), all.get(1));
    PxKeyword values = all.get(2);
    assertEquals("sv", values.language());
    assertEquals(List.of("kön"), values.subkeys());
    assertEquals(List.of("Kvinnor", "Män"), values.values());
    assertEquals(3, values.line());
    assertEquals(List.of("statistikkvariabel", "Kilopris (kr)"), all.get(3).subkeys());
    assertFalse(all.get(4).quoted(), "NO is a bare word");
  }

  @Test
  void valuesRunOverSeveralLinesAndContinuedTextsAreJoined() throws Exception {
    List<PxKeyword> all = PxHeaderParser.parse("VALUES(\"region\")=\"Austria\",\"Belgium\",\r\n"
        + "\"Bulgaria\";\r\n"
        + "NOTE=\"Footnote that is continued on the ne\"\r\n"
        + "\"xt line##second part\";\r\n"
        + "TITLE=\"Consumer Price Index (CPI) (by COICOP), 1980=100 by Product group and\"\n"
        + "\"period\";\n");
    assertEquals(List.of("Austria", "Belgium", "Bulgaria"), all.get(0).values());
    assertEquals(List.of("Footnote that is continued on the next line##second part"),
        all.get(1).values());
    assertEquals(3, all.get(1).line());
    assertEquals("Consumer Price Index (CPI) (by COICOP), 1980=100 by Product group andperiod",
        all.get(2).first());
    assertEquals(5, all.get(2).line());
  }

  @Test
  void severalLanguagesInBothBracketForms() throws Exception {
    List<PxKeyword> all = PxHeaderParser.parse("LANGUAGE=\"en\";LANGUAGES=\"en\",\"sv\";"
        + "TITLE=\"Population\";TITLE[sv]=\"Befolkning\";ATTRIBUTE-TEXT[\"SV\"]=\"Status\";");
    assertEquals(List.of("en", "sv"), all.get(1).values());
    assertEquals("sv", all.get(3).language());
    assertEquals("Befolkning", all.get(3).first());
    assertEquals("sv", all.get(4).language());
  }

  @Test
  void oddButLegalQuoting() throws Exception {
    // Quoted texts may hold ; = , ( ) [ ] and line breaks; the format has no escape for '"'.
    PxKeyword k = only("NOTE(\"a;b\")=\"x=1; y=(2,3) [z]\nnext line\";");
    assertEquals(List.of("a;b"), k.subkeys());
    assertEquals("x=1; y=(2,3) [z]\nnext line", k.first());
    // Spaces where PX-2013 shows them, and a bare date with a space in it.
    k = only("LAST-UPDATED (\"Vekt (tonn)\") = 19990318 18:12 ;");
    assertEquals(List.of("Vekt (tonn)"), k.subkeys());
    assertEquals("19990318 18:12", k.first());
    assertFalse(k.quoted());
    // An empty text is a value.
    assertEquals(List.of("", "b"), only("CODES(\"x\")=\"\",\"b\";").values());
    // Keywords are matched in upper case.
    assertEquals("TITLE", only("title=\"t\";").name());
    // Text after the last statement is only white space and the DOS end-of-file mark.
    assertEquals(1, PxHeaderParser.parse("A=1;\r\n\u001a").size());
  }

  @Test
  void tlistListAndRangeForms() throws Exception {
    PxKeyword list = only("TIMEVAL(\"year\")=TLIST(A1),\"1981\",\"1991\",\"2001\";");
    assertEquals(List.of("TLIST(A1)", "1981", "1991", "2001"), list.values());
    PxTimeList t = PxTimeList.parse(list);
    assertEquals("A1", t.scale());
    assertEquals(List.of("1981", "1991", "2001"), t.periods());
    assertEquals("Annual", t.timeUnit());

    PxKeyword range = only("TIMEVAL(\"time\")=TLIST(A1,\"1994\"-\"1996\");");
    assertEquals(List.of("TLIST(A1,\"1994\"-\"1996\")"), range.values());
    assertEquals(List.of("1994", "1995", "1996"), PxTimeList.parse(range).periods());

    assertEquals(List.of("19943", "19944", "19951"), PxTimeList.parse(
        only("TIMEVAL(\"t\")=TLIST(Q1, \"19943\" - \"19951\");")).periods());
    assertEquals(List.of("199911", "199912", "200001"), PxTimeList.parse(
        only("TIMEVAL(\"t\")=TLIST(M1,\"199911\"-\"200001\");")).periods());
    assertEquals(List.of("19952", "19961"), PxTimeList.parse(
        only("TIMEVAL(\"t\")=TLIST(H1,\"19952\"-\"19961\");")).periods());
    // 2020 has 53 ISO weeks, 2021 52.
    assertEquals(List.of("202052", "202053", "202101"), PxTimeList.parse(
        only("TIMEVAL(\"t\")=TLIST(W1,\"202052\"-\"202101\");")).periods());
    assertEquals(List.of("202152", "202201"), PxTimeList.parse(
        only("TIMEVAL(\"t\")=TLIST(W1,\"202152\"-\"202201\");")).periods());

    PxTimeList quarters = PxTimeList.parse(only("TIMEVAL(\"t\")=TLIST(Q1),\"19951\";"));
    assertEquals("1995Q1", quarters.display("19951"));
    assertEquals("Quarterly", quarters.timeUnit());
    assertEquals("1995M01", PxTimeList.parse(only("TIMEVAL(\"t\")=TLIST(M1),\"199501\";"))
        .display("199501"));
    assertEquals("Other", PxTimeList.parse(only("TIMEVAL(\"t\")=TLIST(H1),\"19951\";"))
        .timeUnit());
  }

  @Test
  void badTimeListsNameTheirLine() {
    PxFormatException e = assertThrows(PxFormatException.class, () -> PxTimeList.parse(
        PxHeaderParser.parse("A=1;\nTIMEVAL(\"t\")=TLIST(M1,\"2020M01\"-\"2020M03\");").get(1)));
    assertEquals(2, e.line());
    assertTrue(e.detail().contains("not in the format of time scale M1"), e.detail());
    e = assertThrows(PxFormatException.class, () -> PxTimeList.parse(
        only("TIMEVAL(\"t\")=\"1994\",\"1995\";")));
    assertTrue(e.detail().contains("TLIST"), e.detail());
  }

  @Test
  void syntaxErrorsNameTheirLine() {
    PxFormatException e = assertThrows(PxFormatException.class,
        () -> PxHeaderParser.parse("A=1;\nB=2;\nTITLE \"no equals\";\n"));
    assertEquals(3, e.line());
    assertTrue(e.detail().contains("expected '=' after keyword TITLE"), e.detail());

    e = assertThrows(PxFormatException.class,
        () -> PxHeaderParser.parse("A=1;\nNOTE=\"never closed;\nB=2;\n"));
    assertEquals(2, e.line());
    assertTrue(e.detail().contains("no closing quotation mark"), e.detail());

    e = assertThrows(PxFormatException.class, () -> PxHeaderParser.parse("A=1;\n\nB=\"x\""));
    assertEquals(3, e.line());
    assertTrue(e.detail().contains("no ';'"), e.detail());

    e = assertThrows(PxFormatException.class,
        () -> PxHeaderParser.parse("A=1;\nVALUES(\"x\")=\"a\" \"b\" c;"));
    assertEquals(2, e.line());

    e = assertThrows(PxFormatException.class, () -> PxHeaderParser.parse("TITLE[sv=\"x\";"));
    assertTrue(e.detail().contains("']'"), e.detail());

    e = assertThrows(PxFormatException.class, () -> PxHeaderParser.parse("A=1;\n=2;"));
    assertEquals(2, e.line());
    assertTrue(e.detail().contains("expected a keyword"), e.detail());

    e = assertThrows(PxFormatException.class, () -> PxHeaderParser.parse("A=1,,2;"));
    assertTrue(e.detail().contains("empty value"), e.detail());
  }
}
