COMMENT ON TABLE input_warnings IS 'Fields of loaded articles whose values could not be parsed (a URL that names no web page, a date no archive carries, a title that is an object): left out of the article, which loaded without them; the source''s value is kept in articles.extra as unparsed_<field>.';
COMMENT ON COLUMN input_warnings.run_id IS 'The run that loaded the article.';
COMMENT ON COLUMN input_warnings.source_uri IS 'The file, with #L<line> or #record<n> for a record.';
COMMENT ON COLUMN input_warnings.article_id IS 'The article that loaded without the field.';
COMMENT ON COLUMN input_warnings.field IS 'The record''s key: url, published, title, author, publisher or id.';
COMMENT ON COLUMN input_warnings.value IS 'What the source gave (control characters escaped; shortened to 200 characters).';
COMMENT ON COLUMN input_warnings.reason IS 'Why it was left out, in words a person can act on.';
