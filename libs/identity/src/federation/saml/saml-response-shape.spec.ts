import { SAML_MAX_DEPTH, SAML_MAX_ELEMENTS, SAML_MAX_TOP_CHILDREN, samlShapeProblem } from './saml-response-shape';

const response = (assertionBody: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" Destination="https://a.example/acs?x=1&amp;y=>2"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">idp</saml:Issuer><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID='_a1'>${assertionBody}</saml:Assertion></samlp:Response>`;

describe('the shape of a SAML response, before any parser', () => {
  it('lets through what IdPs send: a declaration, attribute values holding ">", CDATA, hundreds of attribute values', () => {
    const values = '<saml:AttributeValue>group</saml:AttributeValue>'.repeat(500);
    const body = `<saml:Subject><saml:NameID><![CDATA[a<b]]></saml:NameID></saml:Subject><saml:AttributeStatement><saml:Attribute Name="groups">${values}</saml:Attribute></saml:AttributeStatement>`;
    expect(samlShapeProblem(response(body))).toBeNull();
  });

  it('refuses a DTD, a comment, a processing instruction and broken tags', () => {
    expect(samlShapeProblem(`<!DOCTYPE r [<!ENTITY a "b">]>${response('')}`)).toBe('a DTD');
    expect(samlShapeProblem(response('<saml:NameID>user@example.mn<!---->.evil.example</saml:NameID>'))).toBe(
      'an XML comment',
    );
    expect(samlShapeProblem(response('<?php x ?>'))).toBe('a processing instruction');
    expect(samlShapeProblem(`<?xml version="1.0"?><?xml-stylesheet href="x"?>${response('')}`)).toBe(
      'a processing instruction',
    );
    expect(samlShapeProblem(response('<saml:Subject'))).toBe('an unfinished tag');
    expect(samlShapeProblem('</a><a>')).toBe('an end tag without its start');
    expect(samlShapeProblem('just text')).toBe('no element at all');
  });

  it('refuses the shapes that make XML libraries slow: too many elements, too deep, too many children near the root', () => {
    const many = '<saml:Attribute><saml:AttributeValue>x</saml:AttributeValue></saml:Attribute>'.repeat(
      SAML_MAX_ELEMENTS,
    );
    expect(samlShapeProblem(response(`<saml:AttributeStatement>${many}</saml:AttributeStatement>`))).toBe(
      `over ${SAML_MAX_ELEMENTS} elements`,
    );
    const deep = `${'<b>'.repeat(SAML_MAX_DEPTH)}${'</b>'.repeat(SAML_MAX_DEPTH)}`;
    expect(samlShapeProblem(response(deep))).toBe(`elements nested over ${SAML_MAX_DEPTH} deep`);
    expect(samlShapeProblem(response('<b/>'.repeat(SAML_MAX_TOP_CHILDREN + 1)))).toBe(
      `an element near the root with over ${SAML_MAX_TOP_CHILDREN} children`,
    );
    expect(samlShapeProblem(response('<b/>'.repeat(SAML_MAX_TOP_CHILDREN)))).toBeNull();
  });
});
