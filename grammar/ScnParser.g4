// Structure of the .scn scenario language: a TS 34.229-1 test case table as text.
//
// A step reads like a table row, in this fixed order:
//
//   NUMBER [when COND] ROLE -> ROLE MESSAGE [as DIALOG] [in dialog DIALOG] ["comment"]
//          [use "DEFAULT MESSAGE" [A1, A5]] [except { PATH = VALUE ... }]
//
// Dialog naming comes right after the message: "as NAME" names the dialog this step's
// message creates, "in dialog NAME" puts the step in an existing dialog. A new step
// starts with its number; steps may span lines. "steps 1-7 of A.15.1" reuses steps of
// a procedure ("steps of A.15.1" reuses all of them).
//
// The parser accepts a few wrong forms on purpose (bad arrows, numbers glued to
// letters) so that the front end can explain them in plain words.
parser grammar ScnParser;

options { tokenVocab = ScnLexer; }

module : topItem* EOF ;

// The {expr} inside a URI token, parsed on its own.
interpolation : expr EOF ;

topItem
  : importDecl
  | paramDecl
  | testcaseDecl
  | procedureDecl
  | defaultDecl
  ;

// ---- declarations -------------------------------------------------------------

importDecl : IMPORT modulePath ;
modulePath : ID (DOT ID)* ;

paramDecl : PARAM ID ASSIGN expr description=STRING? ;

testcaseDecl  : testcaseHead stepBlock ;
testcaseHead  : TESTCASE name=ID title=STRING ;

procedureDecl : procedureHead stepBlock ;
procedureHead : PROCEDURE procName title=STRING? ;
procName      : CLAUSE_ID | ID ;

stepBlock : LBRACE stepItem* RBRACE ;

stepItem
  : step
  | stepsRef
  | optionalBlock
  ;

// ---- steps --------------------------------------------------------------------

step
  : stepNumber stepCondition? direction message dialogClause*
    comment=STRING? useClause? exceptBlock?
  ;

// BAD_NUMBER is accepted so that "1a" gets its own message.
stepNumber    : INT | BAD_NUMBER ;
stepCondition : WHEN condExpr ;

// Only '->' is valid; the others are reported as mistakes.
direction : from=ID arrow to=ID ;
arrow     : ARROW | BAD_ARROW | MINUS | ASSIGN ;

// A method (REFER) or a status code with an optional reason phrase (200 OK).
message
  : method=ID                      #methodMessage
  | code=INT reasonWord*           #statusMessage
  ;
reasonWord : ID ;

dialogClause
  : AS name=ID                     #dialogAs
  | IN DIALOG name=ID              #dialogIn
  ;

useClause     : USE name=STRING conditionList? ;
conditionList : LBRACK (conditionRef (COMMA conditionRef)*)? RBRACK ;
conditionRef  : ID ;

exceptBlock : EXCEPT LBRACE row* RBRACE ;

stepsRef       : STEPS stepRange? OF procName stepExceptions? ;
stepRange      : first=INT (MINUS last=INT)? ;
stepExceptions : EXCEPT LBRACE stepException* RBRACE ;
stepException  : INT COLON message? LBRACE row* RBRACE ;

optionalBlock : OPTIONAL WITHIN duration comment=STRING? stepBlock ;
// INT and BAD_NUMBER are accepted so that a missing or wrong unit gets its own message.
duration      : DURATION | INT | BAD_NUMBER ;

// ---- default messages ---------------------------------------------------------

defaultDecl : defaultHead LBRACE defaultItem* RBRACE ;
defaultHead : DEFAULT name=STRING message clause=clauseRef? ;
clauseRef   : STRING | CLAUSE_ID ;

defaultItem
  : conditionsBlock
  | row
  | conditionalRows
  ;

conditionsBlock : CONDITIONS LBRACE conditionDecl* RBRACE ;
conditionDecl   : ID description=STRING? ;
conditionalRows : WHEN condExpr LBRACE row* RBRACE ;

// ---- rows: PATH = VALUE -------------------------------------------------------

row : path ASSIGN rowValue ;

path        : pathHead=ID index? (DOT pathSegment)* ;
pathSegment : memberName index? ;
index       : LBRACK INT RBRACK ;
// After a dot any word is a name; quoted names hold '+' and '.' (feature tags).
memberName  : ID | STRING | keyword ;

rowValue
  : valueItem (COMMA valueItem)* capture?
  | capture
  ;

valueItem
  : PRESENT                                          #presentValue
  | ABSENT                                           #absentValue
  | ANY                                              #anyValue
  | STARTS expr                                      #startsValue
  | MATCHES REGEX                                    #matchesValue
  | ONE OF LPAREN expr (COMMA expr)* RPAREN          #oneOfValue
  | expr                                             #exprValue
  ;

capture : ARROW name=ID ;

// ---- expressions ----------------------------------------------------------------

condExpr
  : NOT condExpr                   #condNot
  | condExpr AND condExpr          #condAnd
  | condExpr OR condExpr           #condOr
  | LPAREN condExpr RPAREN         #condParen
  | expr                           #condAtom
  ;

// Concatenation is the only operator.
expr    : operand (PLUS operand)* ;
operand : primary postfix* ;
postfix
  : DOT memberName                 #memberPostfix
  | LBRACK INT RBRACK              #indexPostfix
  ;

primary
  : STRING                         #stringPrimary
  | INT                            #intPrimary
  | DURATION                       #durationPrimary
  | URI                            #uriPrimary
  | (TRUE | FALSE)                 #boolPrimary
  | callee LPAREN (argument (COMMA argument)*)? RPAREN   #callPrimary
  | ID                             #namePrimary
  ;
callee   : ID | DIALOG ;
argument
  : procName COLON INT             #stepRefArgument
  | expr                           #exprArgument
  ;

keyword
  : IMPORT | PARAM | TESTCASE | PROCEDURE | DEFAULT | CONDITIONS | WHEN | USE | EXCEPT
  | STEPS | OF | OPTIONAL | WITHIN | AS | IN | DIALOG | AND | OR | NOT | PRESENT | ABSENT
  | ANY | STARTS | MATCHES | ONE | TRUE | FALSE
  ;
