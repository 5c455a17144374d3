"""Each kind's sheets and key orders (catalogtool.kinds.layout), in a module of their own: built only when
export, import or the YAML writer asks a section for them (catalogtool.kinds.base.Section)."""
