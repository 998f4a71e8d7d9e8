// Structure of the .scn scenario language: a TS 34.229-1 test case table as text.
//
// A step reads like a table row, in this fixed order:
//
//   NUMBER [when COND] PARTY -> PARTY MESSAGE [as DIALOG] [in dialog DIALOG] ["comment"]
//          [use "DEFAULT MESSAGE" [A1, A5] | relay STEP] [except { PATH = VALUE ... }]
//
// or, for the upper tester, NUMBER [when COND] make PARTY ACTION OPERAND... ["comment"]
// [within DURATION], or NUMBER [when COND] wait DURATION ["comment"]. A test case may start with `party NAME ue|ss ["description"]` lines;
// without them its parties are UE and SS (docs/parties.md).
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
  | unexpectedBlock
  ;

// ---- declarations -------------------------------------------------------------

importDecl : IMPORT modulePath ;
// After a dot any word is a name: import ts34229.unexpected.
modulePath : ID (DOT (ID | keyword))* ;

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
  | eitherBlock
  | anyOrderBlock
  | whenBlock
  | partyDecl
  | unexpectedBlock
  ;

// party UE1 ue "conference initiator": only at the start of a test case (the front end
// reports it anywhere else). The kind is a word, ue or ss, checked by the front end.
partyDecl : PARTY name=ID kind=ID description=STRING? ;

// ---- steps --------------------------------------------------------------------

step
  : stepNumber stepCondition?
    ( stepAction
    | stepMedia
    | waitStep
    | direction message dialogClause* comment=STRING? (useClause | relayClause)? exceptBlock?
    )
  ;

// make UE1 dial "sip:..." "comment" within 5s: the upper tester makes a party act. An
// operand never starts with a number, so the next step's number ends the operands; the
// comment is told from a last string operand by the action's operand count.
stepAction : MAKE party=ID action=ID actionOperand* (WITHIN duration)? comment=STRING? ;
actionOperand
  : {_input->LA(1) != INT && _input->LA(1) != DURATION && _input->LA(1) != BAD_NUMBER}? expr
  ;

// wait 2s "let the UE settle": time passes; what the UE sends meanwhile is kept for the
// steps after it.
waitStep : WAIT duration? comment=STRING? ;

// media FOCUS -> UE1 tone 440 Hz "comment", media UE1 -> FOCUS check for 3s { ... }: RTP
// between a played party and a party under test (docs/media.md). The operations and the
// check names are words (ID), checked by the front end.
stepMedia : MEDIA direction dialogClause* mediaOp comment=STRING? mediaChecks? ;
// tone 440 Hz, dtmf "123", mix, check for 3s: the operand of the others (and a last
// string, the comment of an operation without operand) is sorted out by the front end.
mediaOp
  : {_input->LT(1)->getText() == "check"}? op=ID forWord=ID duration  #mediaCheck
  | op=ID (value=expr unit=ID? | glued=BAD_NUMBER)?                  #mediaWord
  ;
// { tone 440 Hz  dtmf "5"  loss < 5%  jitter < 30ms  rtcp }; '<' lexes as BAD_ARROW.
mediaChecks : LBRACE mediaCheckItem* RBRACE ;
mediaCheckItem
  : {_input->LT(1)->getText() == "tone"}? what=ID (value=expr unit=ID | glued=BAD_NUMBER)
                                                      #checkTone
  | {_input->LT(1)->getText() == "dtmf"}? what=ID value=expr       #checkDtmf
  | what=ID cmp=BAD_ARROW amount=INT PERCENT                       #checkPercent
  | what=ID cmp=BAD_ARROW duration                                 #checkDuration
  | what=ID                                                        #checkWord
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

// `in NAME` is a mistake the front end explains; taking it here keeps `in` after a step
// from starting an `in any order` block.
dialogClause
  : AS name=ID                     #dialogAs
  | IN DIALOG name=ID              #dialogIn
  | IN name=ID                     #dialogInWithoutWord
  ;

useClause     : USE name=STRING conditionList? ;
// relay 5, relay A.25:3: forward the message received in that step.
relayClause   : RELAY (procName COLON)? number=INT ;
conditionList : LBRACK (conditionRef (COMMA conditionRef)*)? RBRACK ;
conditionRef  : ID ;

exceptBlock : EXCEPT LBRACE row* RBRACE ;

stepsRef       : STEPS stepRange? OF procName partyMap? stepExceptions? ;
// with UE = UE1, SS = FOCUS: the parties the procedure's UE and SS stand for.
partyMap       : WITH partyBinding (COMMA partyBinding)* ;
partyBinding   : role=ID ASSIGN party=ID ;
stepRange      : first=INT (MINUS last=INT)? ;
stepExceptions : EXCEPT LBRACE stepException* RBRACE ;
stepException  : INT COLON message? LBRACE row* RBRACE ;

optionalBlock : OPTIONAL WITHIN duration comment=STRING? stepBlock ;
// INT and BAD_NUMBER are accepted so that a missing or wrong unit gets its own message.
duration      : DURATION | INT | BAD_NUMBER ;

// either "comment" { steps } or { steps }: the branch whose first message arrives first.
eitherBlock   : EITHER comment=STRING? stepBlock (OR stepBlock)+ ;
// in any order { steps }: the word 'order' is checked by the front end.
anyOrderBlock : IN ANY order=ID stepBlock ;
// when px_IMS_Register { steps of C.2 }: the steps run only when the condition holds.
whenBlock     : WHEN condExpr stepBlock ;

// ---- unexpected messages ------------------------------------------------------

// unexpected "comment" { OPTIONS answer 200  request in unknown dialog answer 481 }: what
// the SS does with a message no step waits for, one rule a line: a pattern (a method,
// `request`, either with `in unknown dialog`, or `malformed`) and its actions (`answer
// CODE "reason"`, `fail`, `inconc`, `record`), comma-separated. At file level, or at the
// start of a test case. The words are IDs, checked by the front end.
unexpectedBlock  : UNEXPECTED description=STRING? LBRACE unexpectedRule* RBRACE ;
unexpectedRule   : pattern=ID (IN unknown=ID DIALOG)? unexpectedAction (COMMA unexpectedAction)* ;
// BAD_NUMBER is accepted so that "answer 4xx" gets its own message.
unexpectedAction : word=ID (code=INT | glued=BAD_NUMBER)? reason=STRING? ;

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
// In a body path a name is an XML element, with its namespace prefix when one is
// needed (ci:users), or an attribute (@entity): body.conference-info.users.user.@entity.
pathSegment : (xmlName | ATTRIBUTE) index? ;
// [2]: a value of a list header or an element by position. [entity = "sip:u@h"]: an
// element of a body by an attribute's value. The value must be a quoted string, since
// the path is constant data of the compiled program; any expression is taken here so
// that the front end can explain why a parameter or a step's field cannot go there.
// [audio]: a part of an SDP body by name (body.sdp.m[audio].a[ptime]).
index       : LBRACK (INT | key=xmlName (ASSIGN value=expr)?) RBRACK ;
xmlName     : memberName (COLON memberName)? ;
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
callee   : ID | DIALOG | PARTY ;
argument
  : procName COLON INT             #stepRefArgument
  | expr                           #exprArgument
  ;

keyword
  : IMPORT | PARAM | TESTCASE | PROCEDURE | DEFAULT | CONDITIONS | WHEN | USE | EXCEPT
  | STEPS | OF | OPTIONAL | WITHIN | AS | IN | DIALOG | AND | OR | NOT | PRESENT | ABSENT
  | ANY | STARTS | MATCHES | ONE | PARTY | RELAY | MAKE | MEDIA | WAIT | EITHER | WITH | UNEXPECTED | TRUE
  | FALSE
  ;
