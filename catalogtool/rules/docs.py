"""Each rule's documentation and policy source in the language of the run.

A rule module's docstring is its English documentation and its SOURCE the
Chinese citation.  The Chinese documentation (same examples, comments aside) and
the English of each source are kept here, so `catalogtool rules RULE` and the
SARIF report speak one language.  tests/test_cli_lang.py fails for a rule
without them, for a source changed without its English, and for examples that
differ between the two languages.
"""

from __future__ import annotations

import inspect
from types import ModuleType

DOCS_ZH: dict[str, str] = {
    "yaml-syntax": """
        文件不是有效的 YAML，或不是 UTF-8 编码的文本。

        原因：读不了的文件就无法检查、比较或打印；指出出错的位置，作者马上就能找到笔误。

        正确示例：

            name: 养老服务

        错误示例（用制表符缩进、括号没有闭合、GBK 编码的文件）：

            providers: [社会组织, 企业
        """,
    "duplicate-key": """
        同一个映射中有重复的键。

        原因：多数 YAML 工具会悄悄只保留其中一个值，作者的一处修改就这样丢了。catalogtool 保留第一个值，
        并报告第二个。

        正确示例：

            name: 养老服务
            content: 居家上门照料

        错误示例：

            name: 养老服务
            name: 助餐服务
        """,
    "implicit-type": """
        YAML 把这里的值读成了文本以外的类型：没有加引号的数字、布尔值、日期或空值出现在应当是文本的地方，
        或者用了这些文档不使用的 YAML 类型标签。

        原因：YAML 会把 `0101` 读成八进制数 65，把 `NO` 读成 false，把 `1:20` 读成 80（六十进制）。
        作者写下的编码或名称，在每一个读取这个文件的工具里都悄悄变成了别的东西。catalogtool 不做转换，
        而是报告出来。显式类型标签（`!!set`、`!!binary`、`!!omap`、`!foo`）是合法的 YAML，但它们表示的类型
        在 catalogtool 的文档以及由文档生成的 JSON 和表格里都没有；标签与值不符时（`!!bool 2`）则根本无法读取。
        catalogtool 按写下的原样读取这样的值，并报告这个标签。

        正确示例：

            code: "0101"
            name: "NO"
            providers: [社会组织, 企业]

        错误示例：

            code: 0101      # 读成 65
            name: NO        # 读成 false
            notes: ~        # 读成空值 null
            providers: !!set {社会组织, 企业}
            township: !!bool 2
        """,
    "schema": """
        文档不符合其类型的 JSON Schema：缺少字段或有未知字段、类型不对、取值不在允许的范围内或不符合格式。

        原因：Schema 规定了文档的结构，编辑器、比较和导出都依赖它。未知字段多半是拼写错误，
        所以提示会给出最接近的已知字段。各类文档的 Schema 可以用 `catalogtool schema 类型` 打印出来。

        正确示例：

            providers: [社会组织, 企业]

        错误示例：

            contnet: 为老年人提供助餐服务     # 未知字段：是否想写 content？
            providers: [公司]                 # 不是允许的承接主体类型
        """,
    "unknown-kind": """
        文档没有 `kind`，或 `kind` 不是 catalogtool 认识的文档类型。

        原因：`kind` 决定适用哪个 Schema 和哪些规则；没有它，其他检查都无从做起。

        正确示例：

            kind: purchase-catalog

        错误示例：

            kind: purchase_catalog
        """,
    "empty-document": """
        目录或清单中没有任何事项：`items: []`，或者目录的 `categories` 中没有任何服务事项。

        原因：公布的目录和清单总有具体内容。空目录、空清单几乎都是转录或导入时出的差错（表格没有复制过来、
        工作表没有读进来）；它能通过其他所有检查，最后作为一份空文件印发出去。

        正确示例：

            items:
              - {code: ZR-001, name: 最低生活保障家庭状况定期核查, ...}

        错误示例：

            items: []

            categories:
              - code: A
                name: 公共服务
                children: []          # 只有目录，没有一个可以购买的服务事项
        """,
    "duplicate-code": """
        同一文档中编码重复。

        原因：编码用来引用事项、在新旧版本之间对应事项，也供其他清单引用（`purchase_ref`）；
        两个事项用同一个编码，这些都会含糊不清。

        正确示例：

            - {code: A0101, name: 养老服务, ...}
            - {code: A0102, name: 助残服务, ...}

        错误示例：

            - {code: A0101, name: 养老服务, ...}
            - {code: A0101, name: 助残服务, ...}
        """,
    "code-hierarchy": """
        目录编码没有延续上级编码，或不符合编码规则。

        原因：编码表明事项所在的位置（`A0101` 在 `A01` 之下，`A01` 在 `A` 之下）；编码与位置不符，
        会误导每一位读者，也会妨碍比较时识别重新编码。默认规则：一级目录是一个大写字母，每下一级加两位数字。
        仓库可以在 catalogtool.yaml 中另设规则（`code_scheme: {segments, separator, item_depths}`）。

        正确示例：

            - code: A01
              children:
                - {code: A0101, ...}

        错误示例：

            - code: A01
              children:
                - {code: B0101, ...}     # 没有以 A01 开头
        """,
    "catalog-depth": """
        可购买的服务事项不在第 3 级或第 4 级，或目录超过 4 级。

        原因：一至三级目录沿用上级目录，县级可以增设四级目录（财综〔2020〕57号）；事项出现在第 2 级或第 5 级，
        说明少了或多了一级目录。允许事项所在的层级由 catalogtool.yaml 中的 `code_scheme.item_depths` 设定。

        正确示例：公共服务（一级）> 基本公共服务（二级）> 养老服务（三级，服务事项）。

        错误示例：公共服务（一级）> 养老服务（在第二级的服务事项，上面缺了二级目录）。
        """,
    "region-code": """
        行政区划代码不是有效的 GB/T 2260 代码（六位）或乡镇代码（九位）。

        原因：行政区划代码把文档和县、乡镇对应起来；代码写错，乡镇就会拿到别处的指南。检查的内容：
        省级两位是确实存在的省份，地市两位在 GB/T 2260 的取值范围内（00、01-70、90），区县两位同样
        （00、01-99），乡镇三位在 001-599 之间（001-099 街道，100-199 镇，200-399 乡，400-599 其他）。

        正确示例：

            region: {code: "441803", name: 清远市清新区}

        错误示例：

            region: {code: "991803", name: 清远市清新区}   # 没有代码为 99 的省份
        """,
    "date-order": """
        失效日期 `expires` 早于施行日期 `effective`，或施行日期不在年度 `year` 或其上一年内。

        原因：2025 年度的目录 2023 年就施行，或者还没施行就已失效，都是会印进正式文件的笔误。
        文件可以在上一年年底施行（例如 2024 年 12 月印发的 2025 年度指南）。

        正确示例：

            year: 2025
            effective: 2024-12-20
            expires: 2025-12-31

        错误示例：

            year: 2025
            effective: 2025-03-01
            expires: 2024-12-31
        """,
    "duplicate-name": """
        统一全角半角、空格、标点和繁简字之后，两个事项的名称相同。

        原因：从网页和旧 Word 文件粘贴来的文字常带有全角字母、多余的空格和繁体字，同一项服务于是出现两次
        （`养老服务` 和 `養老 服務`）。只比较服务事项，不比较目录。

        正确示例：

            - {code: A0101, name: 养老服务, ...}
            - {code: A0102, name: 助残服务, ...}

        错误示例：

            - {code: A0101, name: 养老服务, ...}
            - {code: A0205, name: 養老服務, ...}
        """,
    "text-hygiene": """
        文本中有控制字符、零宽字符、首尾空格，或从网页粘贴带来的残留（`&nbsp;`、`<br>`、`[编辑]`、`[1]`、
        `点击查看更多>>`、`返回顶部`、防采集水印、不换行空格、行分隔符 U+2028/U+2029、U+FFFD）。

        原因：这些字符在屏幕上看不见，或者印在纸上毫无意义，却会妨碍匹配、排序和打印，让两个本来相同的名称
        变得不同，最后还会出现在公布的目录里。论坛和门户网站会在文字之间插入水印（由随机的字母、数字和符号
        组成的短串），防止别人复制；`GB/T 2260`、`ISO 9001`、`12345热线`、`A0101`、`Wi-Fi`、`≥95%`
        这类中文、字母、数字混排的正常文字不会被当作水印。

        正确示例：

            name: 养老服务
            content: 按 GB/T 2260 编码，开通 12345热线 和 Wi-Fi 服务

        错误示例：

            name: "养老服务\u200b"     # 末尾有一个零宽空格
            content: 助餐服务&nbsp;助浴服务
            content: 为老年人提供助餐服务8 m( r+ ~8 r/ b6 Q' H) N     # 防采集水印
            content: 为老年人提供助餐服务[1]点击查看更多>>              # 注释编号和网页链接
        """,
    "cell-length": """
        文本超过 Excel 单元格能容纳的长度（32767 个字符）。

        原因：目录和清单以 Excel 工作簿的形式公布（`catalogtool export`），工作人员之间也用工作簿传递。
        更长的文本写不进一个单元格：Excel 会拒收文件或截断文本，公布的工作簿就会丢掉 `validate` 放过的内容。
        这条规则报错误，而不像 text-hygiene 那样报警告，因为不改正，文档根本无法导出。字符数按 Excel 的算法计：
        基本多文种平面以外的字符（部分生僻汉字、表情符号）算两个。每个文本值单独检查；`export` 还会检查由几个值
        拼成的单元格（写在一个单元格里的列表）。

        正确示例：

            content: 为辖区特困、失能老年人提供居家上门照料、助餐、助浴等服务

        错误示例：

            content: 为辖区……（一段 4 万字的文字，例如误把整份文件粘贴进来）
        """,
    "prohibited-purchase": """
        目录事项看起来属于不得作为服务购买的内容：货物、工程（或工程与服务打包）、融资、购买主体自身的用人
        （招聘、劳务派遣、公益性岗位），或应当由政府直接履行的职责（许可、处罚、执法）。

        原因：《政府购买服务管理办法》（财政部令第102号）第十条禁止购买这些内容；财预〔2017〕87号进一步明确，
        货物和建设工程不是服务。本规则根据事项名称和内容中的提示词判断（提示词见 catalogtool 自带的
        reference/prohibited-purchases.yaml），所以是警告。选项：`ignore_words`（本仓库中不提示的词）和
        `extra_words`（类别到提示词的映射）。

        正确示例：

            name: 公共文化设施运营管理服务

        错误示例：

            name: 村级文化室装修
        """,
    "top-category": """
        一级目录不是“公共服务”或“政府履职所需辅助性服务”。

        原因：《政府购买服务管理办法》（财政部令第102号，2020 年）第九条规定一级目录只有这两类；
        旧目录有五到七类（基本公共服务事项、社会事务服务事项……），沿用旧目录是新版中最常见的遗留问题。
        选项：`allowed`（允许的一级目录名称），供必须沿用其他分类的仓库使用。

        正确示例：

            - {code: A, name: 公共服务, children: [...]}
            - {code: B, name: 政府履职所需辅助性服务, children: [...]}

        错误示例：

            - {code: C, name: 社会事务服务事项, children: [...]}
        """,
    "provider-type": """
        目录事项的 `providers` 中有不得承接政府购买服务的主体类型，或不属于已知承接主体类型的名称。

        原因：财政部令第102号第六条规定了承接主体（企业、社会组织、公益一类以外的事业单位、农村集体经济组织、
        基层群众性自治组织、个人），第八条规定公益一类事业单位、使用事业编制且由财政拨款保障的群团组织不作为
        承接主体；事项写了这些主体，就不能向它们购买。乡镇服务方面，中共中央办公厅、国务院办公厅
        《关于加强乡镇政府服务能力建设的意见》（2017 年）还提到农民专业合作组织、公益性服务机构和个体工商户，
        这些类型同样接受。选项：`extra`（本仓库另外接受的承接主体类型，例如
        `provider-type: {extra: [供销合作社]}`）；第八条排除的类型不能通过它放行。

        正确示例：

            providers: [社会组织, 企业]
            providers: [农民专业合作组织, 个体工商户]

        错误示例：

            providers: [公益一类事业单位]       # 财政部令第102号第八条排除
            providers: [社会组织机构]           # 不是承接主体类型：是否想写“社会组织”？
        """,
    "funding-source": """
        准入事项需要经费，却没有写明经费来源。

        原因：费随事转——进入社区的工作要带着经费一起来，清单必须写明钱从哪里来（江苏政社互动的做法；
        民发〔2015〕136号）。

        正确示例：

            funding: {required: true, source: 区财政专项, amount: 12000}

        错误示例：

            funding: {required: true}
        """,
    "dedicated-resources": """
        准入事项要求社区设立专门场所或配备专职人员。

        原因：准入社区的事项不得要求社区为其设立专门的办公场所或配备专职工作人员（江苏政社互动的准入制度；
        民发〔2015〕136号关于社区减负的要求）。

        正确示例：

            premises_required: false
            staff_required: false

        错误示例：

            staff_required: true
        """,
    "approval-record": """
        准入清单没有写明审批机关、审批日期，以及批准文号或审批会议；或者清单印发后新增的事项没有自己的审批记录。

        原因：只有经过批准的事项才能进入社区；县级清单由党委常委会审议批准，省、市级清单由同级协调机构批准。
        审批记录就是批准的凭证：由谁批准、何时批准，以及写明批准的文件（文号）；会议表决通过、没有文号的清单，
        写审议通过它的会议。

        正确示例：

            approval: {body: 中共清远市清新区委常委会, date: 2025-01-10, document_number: 清新委办〔2025〕3号}
            approval: {body: 区委全面深化改革领导小组, date: 2018-02-01, meeting: 第十八次会议}

        错误示例：

            approval: {body: 中共清远市清新区委常委会}                 # 没有日期，也没有文号或会议
            approval: {body: 区委全面深化改革领导小组, date: 2018-02-01}  # 既没有文号，也没有会议
        """,
    "legal-basis": """
        协助事项没有设定依据（错误），或准入事项没有设定依据（警告）。

        原因：法无授权不得下派——没有法律依据的工作不得压给村（居）民委员会，各地精简清单时删去的正是这类事项
        （二七区由约 120 项减到 46 项）。辽宁省 2022 年的条例要求清单逐项列明名称、内容和依据。

        正确示例：

            basis:
              - {level: 行政法规, title: 社会救助暂行办法, article: 第十三条}

        错误示例：

            basis: []
        """,
    "excluded-task": """
        社区事项属于本清单的负面清单（`excluded`）或国家明令取消的事项。

        原因：民发〔2015〕136号原则上取消了对社区的招商引资、协税护税、经济创收等指标，也取消了让社区作为
        责任主体承担执法、拆迁拆违、环境整治、城市管理等工作。后几类工作如果社区只是协助（协助、配合、宣传、
        引导）可以保留，所以只有事项文字没有这样写明时，这些词才算数。事项名称出现在本文档自己的负面清单里，
        清单就自相矛盾了。

        正确示例：

            name: 协助开展环境整治宣传
            content: 配合街道做好环境卫生宣传引导

        错误示例：

            name: 社区招商引资任务
        """,
    "catalog-ref": """
        协助事项清单中的 `purchase_ref` 所指的事项，不在本次一同检查的购买服务目录中。

        原因：`purchase_ref` 说明这项工作改由购买服务目录中的哪个事项向社会组织购买，不再由村（居）委会承担；
        引用落空，这项工作就既没有购买，也没有妥善安排。同时检查几份目录时，优先使用同一年度的目录；
        本次检查中没有任何购买服务目录时（例如 pre-commit 钩子只检查一个改动的文件），不报告问题。

        正确示例：

            purchase_ref: A0101      # 购买服务目录中的事项

        错误示例：

            purchase_ref: A9999
        """,
    "non-issuable-certificate": """
        社区事项要求村（居）委会出具国家明确不应由其出具的 20 类证明之一（亲属关系证明、无犯罪记录证明、
        健在证明……）。

        原因：民发〔2020〕20号列出了村（居）民委员会不应出具的证明；准入或协助事项又把这些证明压回给村（居）委会，
        就违背了这项改革。本规则根据事项名称和内容判断，所以是警告。

        正确示例：

            name: 协助开展社会救助对象排查

        错误示例：

            name: 出具居民健在证明
        """,
    "input-limit": """
        文件超出安全限制：文件大小、嵌套层数、别名展开后值的数量，或数字的位数。

        原因：恶意或损坏的文件（“十亿笑声”式的别名炸弹、成千上万层嵌套的括号、成千上万位的数字）不能让 CI 任务
        卡住、耗尽内存，或让显示其值的提示出错。限制在 catalogtool.yaml 的 `limits` 中设置；数字最多 100 位。

        正确示例：一份几百个事项的普通目录。

        错误示例：

            a: &a [x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            # ……再嵌套九层：十亿个值
        """,
    "unreadable-file": """
        命令行给出的文件，或在目录中找到的文件，无法读取。

        原因：文件悄无声息地漏检，比检查不通过更糟。

        正确示例：一个可以读取的 `2025/purchase-catalog.yaml`。

        错误示例：没有读取权限的文件，或失效的符号链接。
        """,
}

# A rule's SOURCE (Chinese) -> its English.  Document numbers such as 民发〔2015〕136号 stay as
# written: they are what a reader searches for.
SOURCES_EN: dict[str, str] = {
    "YAML 1.1；UTF-8": "YAML 1.1; UTF-8",
    "YAML 1.2 §3.2.1.1（键必须唯一）": "YAML 1.2 §3.2.1.1 (keys must be unique)",
    "YAML 1.1 隐式类型（int/bool/float/timestamp，含八进制与六十进制）与类型标签（yaml.org/type）":
        "YAML 1.1 implicit types (int, bool, float, timestamp, octal and base 60 included) and type tags "
        "(yaml.org/type)",
    "各类文件的 JSON Schema 2020-12（catalogtool schema 命令可输出）":
        "the JSON Schema 2020-12 of each kind of file (printed by catalogtool schema)",
    "catalogtool 文件格式：每个文件用 kind 写明类型（purchase-catalog、access-list、assistance-list）":
        "the catalogtool file format: each file states its type in kind (purchase-catalog, access-list, "
        "assistance-list)",
    "实践：公布的目录和清单都有具体事项；空目录、空清单多是转录或导入时遗漏了内容":
        "practice: a published catalog or list always has items; an empty one has usually lost its content "
        "in transcription or import",
    "catalogtool 文件格式：编码在一个文件内唯一，新旧版本比对、导出和引用都靠编码找到事项":
        "the catalogtool file format: a code is unique within a file, because comparing editions, export "
        "and references all find an item by its code",
    "财综〔2020〕57号（一至三级目录沿用上级目录，可增设四级）；catalogtool 默认编码规则（可在 catalogtool.yaml 的 code_scheme 中另行规定）":
        "Ministry of Finance 财综〔2020〕57号 (levels 1-3 follow the higher-level catalog; a level 4 may be "
        "added); catalogtool's default code scheme (another can be set under code_scheme in catalogtool.yaml)",
    "财综〔2020〕57号（一至三级目录，可增设四级目录）":
        "Ministry of Finance 财综〔2020〕57号 (directories at levels 1-3; a level 4 may be added)",
    "GB/T 2260《中华人民共和国行政区划代码》；统计用区划代码（乡镇级 3 位）":
        "GB/T 2260, Codes for the administrative divisions of the People's Republic of China; statistical "
        "division codes (3 digits for a township)",
    "catalogtool 文件格式：失效日期不早于施行日期，施行日期在本年度或上一年度内":
        "the catalogtool file format: the expiry date is not before the effective date, and the effective "
        "date lies in the year or the year before",
    "实践：从网页、Word 和旧版目录转录时，同一事项常以繁简、全半角或空格不同的写法重复出现":
        "practice: in text transcribed from web pages, Word files and old catalogs the same item often "
        "appears twice, spelled with traditional or simplified characters, full- or half-width, or other spaces",
    "实践：从政府网站、百科、Word 和 PDF 复制的文本常带入不可见字符、网页元素和防采集水印":
        "practice: text copied from government websites, online encyclopedias, Word and PDF often brings "
        "invisible characters, web-page elements and anti-scraping watermarks with it",
    "Microsoft Excel 规范与限制：单元格最多容纳 32767 个字符":
        "Microsoft Excel specifications and limits: a cell holds at most 32,767 characters",
    "财政部令第102号《政府购买服务管理办法》第十条；财预〔2017〕87号":
        "Measures for the Administration of Government Purchase of Services (Ministry of Finance Decree "
        "No. 102), Article 10; 财预〔2017〕87号",
    "财政部令第102号《政府购买服务管理办法》第九条":
        "Measures for the Administration of Government Purchase of Services (Ministry of Finance Decree "
        "No. 102), Article 9",
    "财政部令第102号《政府购买服务管理办法》第六条、第八条；中共中央办公厅 国务院办公厅《关于加强乡镇政府服务能力建设的意见》（2017年）":
        "Measures for the Administration of Government Purchase of Services (Ministry of Finance Decree "
        "No. 102), Articles 6 and 8; General Office of the CPC Central Committee and General Office of the "
        "State Council, Opinions on strengthening the service capacity of township governments (2017)",
    "费随事转：民发〔2015〕136号；江苏省社区工作事项准入制度":
        "funding follows the task: 民发〔2015〕136号; Jiangsu's access system for community tasks",
    "民发〔2015〕136号；江苏省社区工作事项准入制度（不得要求设立专门场所、配备专职人员）":
        "民发〔2015〕136号; Jiangsu's access system for community tasks (no dedicated premises or full-time "
        "staff may be required)",
    "江苏省社区工作事项准入制度（县级由党委常委会审议批准）；民发〔2015〕136号":
        "Jiangsu's access system for community tasks (a county's list is approved by the standing committee "
        "of the county Party committee); 民发〔2015〕136号",
    "法无授权不得下派；民发〔2015〕136号；辽宁省2022年条例（清单须列明名称、内容、依据）":
        "no task without legal authority; 民发〔2015〕136号; Liaoning's 2022 regulation (a list gives each "
        "item's name, content and basis)",
    "民政部 中央组织部 民发〔2015〕136号《关于进一步开展社区减负工作的通知》":
        "Ministry of Civil Affairs and Organization Department of the CPC Central Committee, 民发〔2015〕136号, "
        "Notice on further reducing the burden on communities",
    "catalogtool 文件格式：协助事项的 purchase_ref 写购买服务目录中购买这项工作的事项编码":
        "the catalogtool file format: an assistance item's purchase_ref gives the code of the purchase-catalog "
        "item that buys this work",
    "民政部 司法部 民发〔2020〕20号《关于改进和规范基层群众性自治组织出具证明工作的指导意见》附件":
        "Ministry of Civil Affairs and Ministry of Justice, 民发〔2020〕20号, Guiding opinions on improving and "
        "regulating the certificates issued by grassroots self-governing organizations, annex",
    "catalogtool 安全限制（catalogtool.yaml: limits）": "catalogtool's safety limits (catalogtool.yaml: limits)",
    "catalogtool": "catalogtool",
}


def documentation(module: ModuleType, lang: str) -> str:
    """The rule's full documentation, with its good and bad examples."""
    chinese = DOCS_ZH.get(module.ID) if lang != "en" else None
    return inspect.cleandoc(chinese or module.__doc__ or "")


def description(module: ModuleType, lang: str) -> str:
    """The documentation's first paragraph: what the rule finds."""
    return documentation(module, lang).split("\n\n")[0]


def source(module: ModuleType, lang: str) -> str:
    """Where the rule comes from: the policy text or practice it applies."""
    text = str(module.SOURCE)
    return SOURCES_EN.get(text, text) if lang == "en" else text
