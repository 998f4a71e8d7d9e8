// Tokens of the .scn scenario language (see ScnParser.g4 for the structure).
//
// Some tokens exist only to give good error messages: BAD_ARROW (=>, <-, ...),
// BAD_NUMBER (1a, 3sec), UNTERMINATED_STRING, UNTERMINATED_URI, UNTERMINATED_REGEX and
// ERROR_CHAR. The front end reports them in plain language before parsing.
lexer grammar ScnLexer;

// Keywords (lower case; header names and methods are case-sensitive identifiers).
IMPORT     : 'import' ;
PARAM      : 'param' ;
TESTCASE   : 'testcase' ;
PROCEDURE  : 'procedure' ;
DEFAULT    : 'default' ;
CONDITIONS : 'conditions' ;
WHEN       : 'when' ;
USE        : 'use' ;
EXCEPT     : 'except' ;
STEPS      : 'steps' ;
OF         : 'of' ;
OPTIONAL   : 'optional' ;
WITHIN     : 'within' ;
AS         : 'as' ;
IN         : 'in' ;
DIALOG     : 'dialog' ;
AND        : 'and' ;
OR         : 'or' ;
NOT        : 'not' ;
PRESENT    : 'present' ;
ABSENT     : 'absent' ;
ANY        : 'any' ;
STARTS     : 'starts' ;
MATCHES    : 'matches' ;
ONE        : 'one' ;
// Parties, relays, the upper tester and UE-dependent steps (docs/parties.md).
PARTY      : 'party' ;
RELAY      : 'relay' ;
MAKE       : 'make' ;
MEDIA      : 'media' ;  // media steps (docs/media.md); still a name after a dot
WAIT       : 'wait' ;   // wait steps; still a name after a dot
EITHER     : 'either' ;
WITH       : 'with' ;
// What the SS does with messages no step waits for; still a name after a dot.
UNEXPECTED : 'unexpected' ;
TRUE       : 'true' ;
FALSE      : 'false' ;

ARROW      : '->' ;
// Arrows people write by mistake (or paste from documents); never valid.
BAD_ARROW  : '=>' | '<-' | '<=' | '-->' | '<->' | '~>' | '>' | '<' | '\u2192' | '\u2190' ;
ASSIGN     : '=' ;
PERCENT    : '%' ;   // loss < 5% in media checks
PLUS       : '+' ;
MINUS      : '-' ;
COMMA      : ',' ;
COLON      : ':' ;
DOT        : '.' ;
LBRACE     : '{' ;
RBRACE     : '}' ;
LPAREN     : '(' ;
RPAREN     : ')' ;
LBRACK     : '[' ;
RBRACK     : ']' ;

// A number with a unit; defined before BAD_NUMBER so that "3s" is a duration.
DURATION   : DIGIT+ ('ms' | 's' | 'min') ;
// A number glued to letters: "1a" as a step number, "3sec" as a duration.
BAD_NUMBER : DIGIT+ [A-Za-z_] [A-Za-z0-9_]* ;
INT        : DIGIT+ ;

// Clause ids of TS 34.229-1 annexes: A.15.1, A.2.10, C.10a.
CLAUSE_ID  : [A-Z] ('.' DIGIT+ [a-z]?)+ ;

// Identifiers may contain inner hyphens: Record-Route, addr-spec, P-Asserted-Identity.
ID         : [A-Za-z_] [A-Za-z0-9_]* ('-' [A-Za-z0-9_]+)* ;

// An attribute of an XML body in a path: body.conference-info.@version. One token, so
// that a lone '@' stays an unexpected character.
ATTRIBUTE  : '@' XML_NAME (':' XML_NAME)? ;

STRING     : '"' STRING_CHAR* '"' ;
UNTERMINATED_STRING : '"' STRING_CHAR* ;

// <scheme:...>, one token; {expr} inside is an interpolation, parsed by the front end.
URI        : '<' SCHEME ':' (URI_CHAR | INTERPOLATION)* '>' ;
UNTERMINATED_URI : '<' SCHEME ':' (URI_CHAR | INTERPOLATION)* ;

REGEX      : '/' REGEX_CHAR+ '/' ;
// Stops at the first blank, so that a forgotten '/' does not swallow the rest of the line.
UNTERMINATED_REGEX : '/' ~[/\\\r\n \t]+ ;

LINE_COMMENT : ('#' | '//') ~[\r\n]* -> channel(HIDDEN) ;
WS         : [ \t\r\n\f\u000B\uFEFF]+ -> channel(HIDDEN) ;

ERROR_CHAR : . ;

fragment DIGIT       : [0-9] ;
fragment STRING_CHAR : ~["\\\r\n] | '\\' ~[\r\n] ;
fragment SCHEME      : [A-Za-z] [A-Za-z0-9+.\-]* ;
fragment XML_NAME    : [A-Za-z_] [A-Za-z0-9_\-]* ;
fragment URI_CHAR    : ~[<>{}\r\n \t] ;
fragment INTERPOLATION : '{' ~[{}<>\r\n]* '}' ;
fragment REGEX_CHAR  : ~[/\\\r\n] | '\\' ~[\r\n] ;
